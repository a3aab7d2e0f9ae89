//! The bodies of the `addvolume` / `removevolume` subresources (`AddVolumeOptions`,
//! `RemoveVolumeOptions`), in upstream's field order and `omitempty` rules.

use serde::Serialize;

/// Where a hot-plugged volume's data comes from: a DataVolume or a PVC, always hot-pluggable.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum HotplugSource {
    DataVolume {
        name: String,
        hotpluggable: bool,
    },
    PersistentVolumeClaim {
        #[serde(rename = "claimName")]
        claim_name: String,
        hotpluggable: bool,
    },
}

impl HotplugSource {
    pub fn data_volume(name: &str) -> Self {
        HotplugSource::DataVolume {
            name: name.to_string(),
            hotpluggable: true,
        }
    }

    pub fn pvc(name: &str) -> Self {
        HotplugSource::PersistentVolumeClaim {
            claim_name: name.to_string(),
            hotpluggable: true,
        }
    }
}

/// The disk device: `{"disk":{"bus":..}}` or `{"lun":{"bus":..}}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum DiskDevice {
    Disk { bus: String },
    Lun { bus: String },
}

/// `v1.Disk` as virtctl fills it: the name is always empty (virt-api copies the volume's name).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct HotplugDisk {
    pub name: String,
    #[serde(flatten)]
    pub device: DiskDevice,
    pub serial: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub cache: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AddVolumeOptions {
    pub name: String,
    pub disk: HotplugDisk,
    pub volume_source: HotplugSource,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub dry_run: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RemoveVolumeOptions {
    pub name: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub dry_run: Vec<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn add_volume_body_has_upstreams_key_order() {
        let body = AddVolumeOptions {
            name: "d1".into(),
            disk: HotplugDisk {
                name: String::new(),
                device: DiskDevice::Disk { bus: "virtio".into() },
                serial: "S1".into(),
                cache: "none".into(),
            },
            volume_source: HotplugSource::pvc("mypvc"),
            dry_run: vec!["All".into()],
        };
        assert_eq!(
            serde_json::to_string(&body).unwrap(),
            r#"{"name":"d1","disk":{"name":"","disk":{"bus":"virtio"},"serial":"S1","cache":"none"},"volumeSource":{"persistentVolumeClaim":{"claimName":"mypvc","hotpluggable":true}},"dryRun":["All"]}"#
        );
        let lun = HotplugDisk {
            name: String::new(),
            device: DiskDevice::Lun { bus: "scsi".into() },
            serial: "x".into(),
            cache: String::new(),
        };
        assert_eq!(
            serde_json::to_string(&lun).unwrap(),
            r#"{"name":"","lun":{"bus":"scsi"},"serial":"x"}"#
        );
        assert_eq!(
            serde_json::to_string(&HotplugSource::data_volume("dv")).unwrap(),
            r#"{"dataVolume":{"name":"dv","hotpluggable":true}}"#
        );
        let remove = RemoveVolumeOptions {
            name: "d1".into(),
            dry_run: Vec::new(),
        };
        assert_eq!(serde_json::to_string(&remove).unwrap(), r#"{"name":"d1"}"#);
    }
}
