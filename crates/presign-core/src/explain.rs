//! Plain words for each query parameter a presigned URL may carry.

/// What a query parameter means, for the decoded-URL table.
pub fn parameter(name: &str) -> String {
    let text = match name {
        "X-Amz-Algorithm" => "The signing algorithm. S3 presigned URLs use AWS4-HMAC-SHA256 (Signature Version 4).",
        "X-Amz-Credential" => "Who signed, and for what: access key id / date / region / service / aws4_request. The region and date here must match the ones used to derive the signing key.",
        "X-Amz-Date" => "When the URL was signed, in UTC. Validity is counted from this instant, not from when the URL is used.",
        "X-Amz-Expires" => "How many seconds after X-Amz-Date the URL stays valid (at most 604800, seven days).",
        "X-Amz-SignedHeaders" => "The headers that were signed, separated by ';'. The request must send each of them with exactly the signed value; host is always among them.",
        "X-Amz-Signature" => "The signature: HMAC-SHA256 of the string to sign with the key derived from the secret. Not part of what is signed.",
        "X-Amz-Security-Token" => "The session token of temporary credentials (STS, an IAM role, SSO). The URL stops working when that session ends, even before X-Amz-Expires.",
        "X-Amz-Content-Sha256" => "The payload hash that was signed. Without it S3 presigned URLs sign UNSIGNED-PAYLOAD.",
        "x-id" => "The SDK's name for the operation (e.g. GetObject). Signed like any other parameter; keep it in the URL.",
        "X-Amz-User-Agent" => "The SDK's user agent, signed into the URL.",
        "x-amz-sdk-checksum-algorithm" => "A checksum algorithm the SDK signed in: the upload must send a matching x-amz-checksum-* header.",
        "response-content-type" => "Overrides the Content-Type header of S3's response.",
        "response-content-disposition" => "Overrides the Content-Disposition header of S3's response (e.g. attachment; filename=…).",
        "response-content-language" => "Overrides the Content-Language header of S3's response.",
        "response-content-encoding" => "Overrides the Content-Encoding header of S3's response.",
        "response-cache-control" => "Overrides the Cache-Control header of S3's response.",
        "response-expires" => "Overrides the Expires header of S3's response.",
        "versionId" => "Which version of the object to read.",
        "partNumber" => "Which part of a multipart object, or of an upload, this request is for.",
        "uploadId" => "The multipart upload this part belongs to.",
        "AWSAccessKeyId" => "SigV2: the access key id that signed.",
        "Expires" => "SigV2: the instant the URL expires, in seconds since 1970 (UTC).",
        "Signature" => "SigV2: base64 HMAC-SHA1 signature.",
        _ => {
            let lower = name.to_ascii_lowercase();
            return if lower.starts_with("x-amz-checksum-") {
                "A checksum signed into the URL: the upload must send this exact checksum header, which browsers and many clients do not.".to_owned()
            } else if lower.starts_with("x-amz-meta-") {
                "User metadata signed into the URL.".to_owned()
            } else if lower.starts_with("x-amz-") {
                "An S3 request parameter signed into the URL (hoisted from a header).".to_owned()
            } else {
                "A parameter of the request; it is signed like the others, so it must be sent exactly as it is.".to_owned()
            };
        }
    };
    text.to_owned()
}

/// What a query parameter of a SigV4A presigned URL means: SigV4's, with SigV4A's algorithm,
/// credential, signature and region set.
pub fn sigv4a_parameter(name: &str) -> String {
    let text = match name {
        "X-Amz-Algorithm" => "The signing algorithm: AWS4-ECDSA-P256-SHA256 is SigV4A, an ECDSA signature with a key derived from the secret, valid in several regions.",
        "X-Amz-Credential" => "Who signed, and for what: access key id / date / service / aws4_request. SigV4A scopes name no region; the regions are in X-Amz-Region-Set.",
        "X-Amz-Region-Set" => "The regions the signature is valid in, comma-separated, or * for all. Signed like the other parameters.",
        "X-Amz-Signature" => "The signature: ECDSA P-256 over the string to sign, DER-encoded, in hex. It is random each time, so it is verified, not recomputed. Not part of what is signed.",
        _ => return parameter(name),
    };
    text.to_owned()
}

/// What a parameter of a GCS V4 signed URL means.
pub fn gcs_parameter(name: &str) -> String {
    let text = match name {
        "X-Goog-Algorithm" => "The signing algorithm: GOOG4-RSA-SHA256 (a service account's RSA key) or GOOG4-HMAC-SHA256 (an HMAC key).",
        "X-Goog-Credential" => "Who signed, and for what: service-account e-mail or HMAC access id / date / location / storage / goog4_request.",
        "X-Goog-Date" => "When the URL was signed, in UTC. Validity is counted from this instant.",
        "X-Goog-Expires" => "How many seconds after X-Goog-Date the URL stays valid (at most 604800, seven days).",
        "X-Goog-SignedHeaders" => "The headers that were signed, separated by ';'. The request must send each with exactly the signed value; host is always among them.",
        "X-Goog-Signature" => "The signature, hex: RSA-SHA256 or HMAC-SHA256 of the string to sign. Not part of what is signed.",
        "generation" => "Which generation (version) of the object.",
        "userProject" => "The project billed for the request (requester pays).",
        _ => return parameter(name),
    };
    text.to_owned()
}

/// What a query parameter of an Azure SAS URL means.
pub fn azure_parameter(name: &str) -> String {
    let text = match name {
        "sv" => "The signed version: the storage service version whose string-to-sign layout the signature follows.",
        "ss" => "Account SAS: the services it covers (b blob, f file, q queue, t table).",
        "srt" => "Account SAS: the resource types it covers (s service, c container, o object).",
        "sp" => "The permissions granted (r read, a add, c create, w write, d delete, l list, …).",
        "st" => "When the SAS becomes valid (UTC). Without it, from when the service receives it.",
        "se" => "When the SAS expires (UTC).",
        "sip" => "The IP address or range requests must come from.",
        "spr" => "The protocols allowed: https, or https,http.",
        "sr" => "Service SAS: what it signs (b blob, bs snapshot, bv version, c container, d directory).",
        "sdd" => "Directory SAS: the depth of the directory. Not signed.",
        "si" => "A stored access policy of the container, which may set the permissions and times.",
        "ses" => "The encryption scope the request must use.",
        "skoid" | "sktid" | "skt" | "ske" | "sks" | "skv" | "skdutid" => "User delegation SAS: a field of the user delegation key that signed it (object, tenant, start, expiry, service, version, delegated tenant).",
        "saoid" | "suoid" | "scid" => "User delegation SAS: the authorized or unauthorized object id, or the correlation id, for audit logs.",
        "sduoid" => "User delegation SAS: the object id of the user the SAS is delegated to.",
        "srh" => "The request headers whose values the SAS signs (names; the values are in the string to sign).",
        "srq" => "The query parameters whose values the SAS signs (names; the values are in the string to sign).",
        "rscc" | "rscd" | "rsce" | "rscl" | "rsct" => "A response header override (Cache-Control, Content-Disposition, -Encoding, -Language, -Type), signed.",
        "sig" => "The signature: base64 HMAC-SHA256 of the string to sign with the account key (or the user delegation key). Not part of what is signed.",
        "snapshot" => "Which snapshot of the blob to read (signed for sr=bs).",
        "versionid" => "Which version of the blob to read (signed for sr=bv).",
        "comp" | "restype" => "The operation on the resource (comp=list, restype=container, …). Not signed by a SAS, but it decides which permission is needed.",
        _ => "A parameter of the request, not part of the SAS's signature.",
    };
    text.to_owned()
}

/// What a parameter of a CloudFront signed URL means.
pub fn cloudfront_parameter(name: &str) -> String {
    let text = match name {
        "Expires" => "Canned policy: the instant the URL expires, in seconds since 1970 (UTC). The policy itself is rebuilt from the URL.",
        "Policy" => "Custom policy: the policy JSON (Resource, DateLessThan, optional DateGreaterThan and IpAddress) in CloudFront's base64.",
        "Signature" => "RSA signature of the policy with the private key of Key-Pair-Id, in CloudFront's base64 (- _ ~ for + = /).",
        "Key-Pair-Id" => "Which public key verifies the signature: a public key in a key group the cache behavior trusts (K…), or a legacy key pair (APKA…).",
        "Hash-Algorithm" => "SHA256 when the policy was signed with RSA-SHA256; absent for SHA-1.",
        _ => "A parameter of the request: part of the canned policy's Resource, so it must be sent exactly as it was signed.",
    };
    text.to_owned()
}

/// The table of a URL's parameters, each with what `meaning` says of its name.
pub fn parameter_rows(
    url: &crate::input::url::RawUrl,
    meaning: fn(&str) -> String,
) -> Vec<crate::report::ParameterRow> {
    url.pairs
        .iter()
        .map(|p| {
            let name = p.name_text();
            crate::report::ParameterRow {
                meaning: meaning(&name),
                name,
                raw_value: p.raw_value().to_owned(),
                value: p.value_text(),
            }
        })
        .collect()
}
