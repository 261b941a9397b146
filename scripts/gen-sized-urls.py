#!/usr/bin/env python3
"""Writes N presigned PUT URLs of about SIZE bytes each, signed by botocore with a signed
Content-Type, for scripts/bench-scaling.sh (how the cost per URL grows with its length).

Fake credentials (the AWS documentation's example key pair) and the fixed clock of
scripts/gen-batch-urls.py. The length comes from the object key: a prefix, then a run of
letters that makes the URL SIZE bytes long, then a per-URL number.

    python3 scripts/gen-sized-urls.py N SIZE OUT_FILE
"""
import datetime
import sys
from unittest import mock

import botocore.session
from botocore.config import Config

ACCESS_KEY = "AKIAIOSFODNN7EXAMPLE"
SECRET_KEY = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
SIGNED_AT = datetime.datetime(2026, 11, 23, 12, 0, 0)


def main() -> None:
    count, size, out_path = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
    client = botocore.session.get_session().create_client(
        "s3",
        region_name="eu-west-1",
        aws_access_key_id=ACCESS_KEY,
        aws_secret_access_key=SECRET_KEY,
        config=Config(signature_version="s3v4", s3={"addressing_style": "virtual"}),
    )
    with mock.patch("botocore.auth.get_current_datetime", return_value=SIGNED_AT):
        def presign(key: str) -> str:
            return client.generate_presigned_url(
                "put_object",
                Params={"Bucket": "bench-uploads", "Key": key, "ContentType": "application/octet-stream"},
                ExpiresIn=3600,
            )

        base = len(presign("uploads/2026/x-000000.bin"))
        pad = "r" * max(0, size - base)
        with open(out_path, "w", encoding="utf-8") as out:
            for i in range(count):
                out.write(presign(f"uploads/2026/x{pad}-{i:06d}.bin") + "\n")


if __name__ == "__main__":
    main()
