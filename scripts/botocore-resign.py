#!/usr/bin/env python3
"""The baseline of scripts/bench-batch.sh: botocore's own SigV4 query signer re-signs every URL.

For each presigned URL: drop the X-Amz-* authentication parameters, rebuild the request
(AWSRequest, GET), and let botocore.auth.S3SigV4QueryAuth.add_auth sign it again with the same
credentials, region, expiry and clock (patched to the URL's X-Amz-Date); then compare the
signature with the one in the URL. This is the work `presign-inspector --batch` does per URL
(read, canonicalize, sign, compare), done by the SDK's signer.

Prints one line: `botocore <urls> <cpu-seconds> <matching>`: the process CPU time of the loop
(file read included, interpreter start-up and imports excluded). Exits 1 if a signature differs: then the two sides would not be
doing the same work.

    python3 scripts/botocore-resign.py URL_FILE
"""
import datetime
import sys
import time
from unittest import mock
from urllib.parse import unquote

import botocore.auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials

ACCESS_KEY = "AKIAIOSFODNN7EXAMPLE"
SECRET_KEY = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
AUTH = {
    "X-Amz-Algorithm",
    "X-Amz-Credential",
    "X-Amz-Date",
    "X-Amz-Expires",
    "X-Amz-SignedHeaders",
    "X-Amz-Signature",
    "X-Amz-Security-Token",
}


def main() -> None:
    path = sys.argv[1]
    clock = {"now": None}
    patch = mock.patch("botocore.auth.get_current_datetime", side_effect=lambda: clock["now"])
    plain = Credentials(ACCESS_KEY, SECRET_KEY)
    tokens = {}
    count = matching = 0
    with patch:
        start = time.process_time()
        with open(path, encoding="utf-8") as urls:
            for url in urls:
                url = url.rstrip("\n")
                base, _, query = url.partition("?")
                kept, auth = [], {}
                for pair in query.split("&"):
                    name, _, value = pair.partition("=")
                    if name in AUTH:
                        auth[name] = value
                    else:
                        kept.append(pair)
                region = unquote(auth["X-Amz-Credential"]).split("/")[2]
                clock["now"] = datetime.datetime.strptime(auth["X-Amz-Date"], "%Y%m%dT%H%M%SZ")
                token = auth.get("X-Amz-Security-Token")
                if token is None:
                    credentials = plain
                else:
                    credentials = tokens.get(token)
                    if credentials is None:
                        credentials = tokens[token] = Credentials(ACCESS_KEY, SECRET_KEY, unquote(token))
                request = AWSRequest(method="GET", url=base + ("?" + "&".join(kept) if kept else ""))
                signer = botocore.auth.S3SigV4QueryAuth(credentials, "s3", region, expires=int(auth["X-Amz-Expires"]))
                signer.add_auth(request)
                signature = request.url.rsplit("X-Amz-Signature=", 1)[1]
                count += 1
                matching += signature == auth["X-Amz-Signature"]
        elapsed = time.process_time() - start
    print(f"botocore {count} {elapsed:.6f} {matching}")
    sys.exit(0 if matching == count else 1)


if __name__ == "__main__":
    main()
