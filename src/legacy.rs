//! Placeholder until the converter lands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Legacy {
    Tcvn3,
    Vni,
}
impl Legacy {
    pub fn name(self) -> &'static str {
        match self {
            Legacy::Tcvn3 => "TCVN3",
            Legacy::Vni => "VNI-Windows",
        }
    }
}
pub fn convert(_text: &str) -> Option<(String, Legacy)> {
    None
}
