//! What an Azure Storage URL names: the account, the service (blob, file, queue, table), the
//! container and the blob; and the canonicalized resource a service SAS signs
//! (`/blob/<account>/<container>[/<blob>]`, the blob name decoded, raw UTF-8).

use crate::encode::percent_decode;
use crate::input::url::RawUrl;
use serde::Serialize;

/// The storage service a host serves.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum StorageService {
    Blob,
    /// Data Lake Storage (`dfs`): blobs of a hierarchical account, signed as `/blob/…`.
    Dfs,
    File,
    Queue,
    Table,
}

impl StorageService {
    /// The letter of `ss` (account SAS services) that covers this service.
    pub fn letter(self) -> char {
        match self {
            StorageService::Blob | StorageService::Dfs => 'b',
            StorageService::File => 'f',
            StorageService::Queue => 'q',
            StorageService::Table => 't',
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            StorageService::Blob => "Blob storage",
            StorageService::Dfs => "Data Lake Storage",
            StorageService::File => "Azure Files",
            StorageService::Queue => "Queue storage",
            StorageService::Table => "Table storage",
        }
    }

    fn from_label(label: &str) -> Option<Self> {
        Some(match label {
            "blob" => StorageService::Blob,
            "dfs" => StorageService::Dfs,
            "file" => StorageService::File,
            "queue" => StorageService::Queue,
            "table" => StorageService::Table,
            _ => return None,
        })
    }
}

/// The level of the resource the request addresses, for an account SAS's `srt`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ResourceLevel {
    /// The account's service (`srt` letter `s`): list containers, service properties.
    Service,
    /// A container, share or queue (`c`).
    Container,
    /// A blob, file or message (`o`).
    Object,
}

impl ResourceLevel {
    pub fn letter(self) -> char {
        match self {
            ResourceLevel::Service => 's',
            ResourceLevel::Container => 'c',
            ResourceLevel::Object => 'o',
        }
    }
}

/// The storage resource a URL names.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StorageResource {
    /// `None` when the host is a custom domain that does not name it.
    pub account: Option<String>,
    pub service: Option<StorageService>,
    /// Whether the account is the path's first segment (the emulator, Azurite, an IP host).
    pub account_in_path: bool,
    /// The container (share, queue) as decoded, empty for the service level.
    pub container: String,
    /// The blob name decoded (raw UTF-8 in the canonicalized resource), empty if none.
    pub blob: String,
    /// The blob name as written in the path.
    pub raw_blob: String,
    pub level: ResourceLevel,
}

const SUFFIXES: [&str; 4] = [
    ".core.windows.net",
    ".core.chinacloudapi.cn",
    ".core.usgovcloudapi.net",
    ".storage.azure.net",
];

/// Azurite's ports, by service.
fn emulator_service(port: Option<u16>) -> StorageService {
    match port {
        Some(10001) => StorageService::Queue,
        Some(10002) => StorageService::Table,
        _ => StorageService::Blob,
    }
}

fn is_local(host: &str) -> bool {
    host == "localhost"
        || host.bytes().all(|b| b.is_ascii_digit() || b == b'.')
        || host.contains(':')
}

fn decoded(raw: &str) -> String {
    String::from_utf8_lossy(&percent_decode(raw.as_bytes())).into_owned()
}

/// Reads the account, service, container and blob from the host and path.
pub fn storage_resource(url: &RawUrl) -> StorageResource {
    let mut account = None;
    let mut service = None;
    let mut account_in_path = false;
    for suffix in SUFFIXES {
        if let Some(rest) = url.host.strip_suffix(suffix) {
            let labels: Vec<&str> = rest.split('.').collect();
            // account[-secondary].[privatelink.]blob
            if let (Some(first), Some(last)) = (labels.first(), labels.last()) {
                service = StorageService::from_label(last);
                let name = first.strip_suffix("-secondary").unwrap_or(first);
                account = Some(name.to_owned());
            }
        }
    }
    let path = url.raw_path.strip_prefix('/').unwrap_or(&url.raw_path);
    let mut segments = path.splitn(2, '/');
    let mut first = segments.next().unwrap_or("");
    let mut rest = segments.next().unwrap_or("");
    // The emulator (Azurite: ports 10000-10002, often behind a container's host name) and
    // IP hosts name the account in the path.
    let emulator = is_local(&url.host) || matches!(url.port, Some(10000..=10002));
    if account.is_none() && emulator && !first.is_empty() {
        account = Some(decoded(first));
        service = Some(emulator_service(url.port));
        account_in_path = true;
        let mut segments = rest.splitn(2, '/');
        first = segments.next().unwrap_or("");
        rest = segments.next().unwrap_or("");
    }
    let container = decoded(first);
    let level = if container.is_empty() {
        ResourceLevel::Service
    } else if rest.is_empty() {
        ResourceLevel::Container
    } else {
        ResourceLevel::Object
    };
    StorageResource {
        account,
        service,
        account_in_path,
        container,
        blob: decoded(rest),
        raw_blob: rest.to_owned(),
        level,
    }
}

/// The canonicalized resource a blob service SAS signs, for its `sr`: the container only for
/// `c`, the blob (or directory) path for the others.
pub fn canonicalized_resource(account: &str, container: &str, blob: &str, sr: &str) -> String {
    if sr == "c" || blob.is_empty() {
        format!("/blob/{account}/{container}")
    } else {
        format!("/blob/{account}/{container}/{blob}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::url::parse_url;

    fn read(u: &str) -> StorageResource {
        storage_resource(&parse_url(u).unwrap())
    }

    #[test]
    fn hosts_and_paths() {
        let blob = read("https://presigninspectorfake.blob.core.windows.net/mycontainer/dir/sub%20dir/na%C3%AFve.txt?sv=1");
        assert_eq!(blob.account.as_deref(), Some("presigninspectorfake"));
        assert_eq!(blob.service, Some(StorageService::Blob));
        assert_eq!(
            (blob.container.as_str(), blob.blob.as_str()),
            ("mycontainer", "dir/sub dir/naïve.txt")
        );
        assert_eq!(blob.level, ResourceLevel::Object);
        assert_eq!(
            canonicalized_resource("presigninspectorfake", &blob.container, &blob.blob, "b"),
            "/blob/presigninspectorfake/mycontainer/dir/sub dir/naïve.txt"
        );
        let emulator = read("http://127.0.0.1:10000/devstoreaccount1/mycontainer/a.txt");
        assert_eq!(
            (emulator.account.as_deref(), emulator.account_in_path),
            (Some("devstoreaccount1"), true)
        );
        assert_eq!(
            (emulator.container.as_str(), emulator.blob.as_str()),
            ("mycontainer", "a.txt")
        );
        let secondary = read("https://acct-secondary.dfs.core.windows.net/");
        assert_eq!(
            (
                secondary.account.as_deref(),
                secondary.service,
                secondary.level
            ),
            (
                Some("acct"),
                Some(StorageService::Dfs),
                ResourceLevel::Service
            )
        );
        let private = read("https://acct.privatelink.blob.core.windows.net/photos");
        assert_eq!(
            (private.account.as_deref(), private.level),
            (Some("acct"), ResourceLevel::Container)
        );
        let custom = read("https://files.example.com/photos/a.jpg");
        assert_eq!(custom.account, None);
        assert_eq!(
            canonicalized_resource("a", "photos", "x/y", "c"),
            "/blob/a/photos"
        );
    }
}
