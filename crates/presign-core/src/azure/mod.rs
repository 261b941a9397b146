//! Azure Storage shared access signatures (account, service and user delegation SAS), in the
//! stages of Microsoft's SDKs: the SAS parameters, the resource the URL names, the
//! string-to-sign layout of the signed version, the string to sign, and the HMAC-SHA256
//! signature with the account key (or the user delegation key).

pub mod decoded;
pub mod layout;
pub mod params;
pub mod pipeline;
pub mod resource;
pub mod root_cause;
pub mod signature;
pub mod string_to_sign;
