#!/usr/bin/env python3
"""Writes N realistic S3 presigned GET URLs, one per line, signed by botocore.

Used by scripts/bench-batch.sh. Fake credentials (the AWS documentation's example key pair) and
a fixed clock, so the file is the same on every run and every URL is valid at BENCH_NOW.
The mix: virtual-hosted and path-style hosts, several regions, keys with spaces, `+`, unicode
and deep prefixes, some response-* overrides and versionId, a third with a session token.

    python3 scripts/gen-batch-urls.py N OUT_FILE
"""
import datetime
import random
import sys
from unittest import mock

import botocore.session
from botocore.config import Config

ACCESS_KEY = "AKIAIOSFODNN7EXAMPLE"
SECRET_KEY = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
TOKEN = "IQoJb3JpZ2luX2VjEJr//////////wEaCXVzLWVhc3QtMSJHMEUCIQDexampletokenexampletokenexampletoken+/=="
SIGNED_AT = datetime.datetime(2026, 11, 23, 12, 0, 0)
REGIONS = ["us-east-1", "us-west-2", "eu-west-1", "eu-central-1", "ap-southeast-2"]
WORDS = ["reports", "2026", "invoices", "photos", "raw", "Q4", "team data", "übersicht", "a+b", "logs", "café"]


def key_for(rng: random.Random, i: int) -> str:
    depth = rng.randint(0, 3)
    parts = [rng.choice(WORDS) for _ in range(depth)]
    name = f"file-{i:06d}" + rng.choice([".csv", ".json", ".png", " (copy).pdf", ".tar.gz"])
    return "/".join(parts + [name])


def main() -> None:
    count, out_path = int(sys.argv[1]), sys.argv[2]
    rng = random.Random(20261123)
    session = botocore.session.get_session()
    clients = {}
    for region in REGIONS:
        for style in ("virtual", "path"):
            for token in (None, TOKEN):
                clients[(region, style, token)] = session.create_client(
                    "s3",
                    region_name=region,
                    aws_access_key_id=ACCESS_KEY,
                    aws_secret_access_key=SECRET_KEY,
                    aws_session_token=token,
                    config=Config(signature_version="s3v4", s3={"addressing_style": style}),
                )
    fixed = mock.patch("botocore.auth.get_current_datetime", return_value=SIGNED_AT)
    with fixed, open(out_path, "w", encoding="utf-8") as out:
        for i in range(count):
            region = rng.choice(REGIONS)
            style = "virtual" if rng.random() < 0.8 else "path"
            token = TOKEN if rng.random() < 0.3 else None
            params = {"Bucket": f"bench-{rng.choice(['data', 'media', 'exports'])}-{rng.randint(1, 40)}", "Key": key_for(rng, i)}
            roll = rng.random()
            if roll < 0.2:
                params["ResponseContentDisposition"] = f'attachment; filename="{params["Key"].rsplit("/", 1)[-1]}"'
            elif roll < 0.3:
                params["ResponseContentType"] = "application/octet-stream"
            elif roll < 0.35:
                params["VersionId"] = "3HL4kqtJlcpXroDTDmJ+rmSpXd3dIbrHY+MTRCxf3vjVBH40Nr8X8gdRQBpUMLUo"
            url = clients[(region, style, token)].generate_presigned_url(
                "get_object", Params=params, ExpiresIn=rng.choice([300, 3600, 86400, 604800])
            )
            out.write(url + "\n")


if __name__ == "__main__":
    main()
