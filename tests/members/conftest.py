import boto3
import pytest
from moto import mock_aws

BUCKET = "peg-private"


@pytest.fixture
def bucket(settings):
    """Files in an S3 bucket (moto's, in memory), as production with a bucket configured; yields an S3 client."""
    with mock_aws():
        boto3.client("s3", region_name="eu-west-2").create_bucket(
            Bucket=BUCKET, CreateBucketConfiguration={"LocationConstraint": "eu-west-2"}
        )
        settings.STORAGES = settings.STORAGES | {
            "default": {
                "BACKEND": "storages.backends.s3.S3Storage",
                "OPTIONS": {
                    "bucket_name": BUCKET,
                    "region_name": "eu-west-2",
                    "default_acl": None,
                    "querystring_expire": 300,
                },
            }
        }
        yield boto3.client("s3", region_name="eu-west-2")
