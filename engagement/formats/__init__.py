"""Django's format files for the site's language, where Django's own are not what staff expect."""
