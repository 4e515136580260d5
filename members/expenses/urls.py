from django.urls import path

from . import payment_views, views

app_name = "expenses"

urlpatterns = [
    path("", views.claim_list, name="claim_list"),
    path("new/", views.claim_create, name="claim_create"),
    path("<int:pk>/", views.claim_detail, name="claim_detail"),
    path("<int:pk>/edit/", views.claim_edit, name="claim_edit"),
    path("<int:pk>/submit/", views.claim_submit, name="claim_submit"),
    path("<int:pk>/withdraw/", views.claim_withdraw, name="claim_withdraw"),
    path("<int:pk>/receipts/<int:line_pk>/", views.receipt, name="receipt"),
    path("involvement/", payment_views.involvement, name="involvement"),
    path("involvement/<int:pk>/", payment_views.payment_choice, name="payment_choice"),
    path("involvement/earnings-limit/", payment_views.earnings_limit, name="earnings_limit"),
    path("contract/", views.contract, name="contract"),
]
