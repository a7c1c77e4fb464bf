//! The documents a model produces: their names, templates and files.

use std::path::PathBuf;

use crate::model::{Invitee, Model};
use crate::vn;

/// How a document's compiled pages become files.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// One page per invitee: a file each in `NAME/`, and all of them in `NAME.pdf`.
    Invitations,
    /// `NAME.pdf`, plus `NAME-in.pdf` with the pages imposed two to an A4 sheet for a
    /// folded, stapled booklet.
    Booklet,
    /// `NAME.pdf`.
    Single,
}

/// One kind of paper the conference needs.
#[derive(Debug)]
pub struct Document {
    /// The name `--only` takes and the stem of its files.
    pub name: &'static str,
    pub title: &'static str,
    pub template: &'static str,
    pub kind: Kind,
    /// Whether a model has what the document needs.
    produced_by: fn(&Model) -> bool,
}

/// Every document, in the order they are listed and built.
pub const DOCUMENTS: [Document; 9] = [
    Document {
        name: "giay-moi",
        title: "Giấy mời, một trang cho mỗi khách mời",
        template: "giay-moi.typ.j2",
        kind: Kind::Invitations,
        produced_by: |_| true,
    },
    Document {
        name: "chuong-trinh",
        title: "Chương trình hội nghị (A5), và bản in gấp đóng ghim (A4 ngang)",
        template: "chuong-trinh.typ.j2",
        kind: Kind::Booklet,
        produced_by: |m| !m.agenda.is_empty(),
    },
    Document {
        name: "kich-ban",
        title: "Kịch bản điều hành của người dẫn chương trình",
        template: "kich-ban.typ.j2",
        kind: Kind::Single,
        produced_by: |m| !m.agenda.is_empty(),
    },
    Document {
        name: "bieu-01-tham-luan",
        title: "Biểu số 01: phân công tham luận",
        template: "bieu-01-tham-luan.typ.j2",
        kind: Kind::Single,
        produced_by: |m| !m.presentations.is_empty(),
    },
    Document {
        name: "bieu-02-trung-bay",
        title: "Biểu số 02: phân công trưng bày sản phẩm",
        template: "bieu-02-trung-bay.typ.j2",
        kind: Kind::Single,
        produced_by: |m| !m.exhibits.is_empty(),
    },
    Document {
        name: "danh-sach-dai-bieu",
        title: "Danh sách đại biểu theo nhóm, thứ tự nghi thức",
        template: "danh-sach-dai-bieu.typ.j2",
        kind: Kind::Single,
        produced_by: |_| true,
    },
    Document {
        name: "so-ky",
        title: "Sổ ký tên đại biểu, có cột chữ ký và điện thoại",
        template: "so-ky.typ.j2",
        kind: Kind::Single,
        produced_by: |_| true,
    },
    Document {
        name: "bien-ten",
        title: "Biển tên để bàn cho chủ tọa và hàng ghế đầu (A4 ngang, gấp đôi)",
        template: "bien-ten.typ.j2",
        kind: Kind::Single,
        produced_by: |m| m.invitees.iter().any(|i| i.seat.is_some()),
    },
    Document {
        name: "phong-bi",
        title: "Phong bì DL (220 × 110 mm), một chiếc cho mỗi giấy mời",
        template: "phong-bi.typ.j2",
        kind: Kind::Single,
        produced_by: |_| true,
    },
];

/// The label that starts each invitation in the source of the invitations (see
/// `templates/giay-moi.typ.j2`).
pub const INVITATION_LABEL: &str = "invitation";

impl Document {
    pub fn is_produced_by(&self, model: &Model) -> bool {
        (self.produced_by)(model)
    }

    /// The document's main file: `NAME.pdf`.
    pub fn file(&self) -> PathBuf {
        PathBuf::from(format!("{}.pdf", self.name))
    }

    /// The imposed copy of a booklet: `NAME-in.pdf`.
    pub fn imposed_file(&self) -> PathBuf {
        PathBuf::from(format!("{}-in.pdf", self.name))
    }

    /// The folder of the one-invitation files: `NAME/`.
    pub fn folder(&self) -> PathBuf {
        PathBuf::from(self.name)
    }

    /// Whether a file (relative to the output folder, with `/`) is one this document writes.
    pub fn owns(&self, path: &str) -> bool {
        match path.split_once('/') {
            Some((folder, file)) => {
                self.kind == Kind::Invitations && folder == self.name && is_invitation_file(file)
            }
            None => {
                path == format!("{}.pdf", self.name)
                    || self.kind == Kind::Booklet && path == format!("{}-in.pdf", self.name)
            }
        }
    }

    /// Every file the document writes for `model`, relative to the output folder.
    pub fn files(&self, model: &Model) -> Vec<PathBuf> {
        let mut files = vec![self.file()];
        match self.kind {
            Kind::Invitations => files.extend(
                model
                    .invitees
                    .iter()
                    .enumerate()
                    .map(|(i, inv)| self.folder().join(invitation_file(i, inv))),
            ),
            Kind::Booklet => files.push(self.imposed_file()),
            Kind::Single => {}
        }
        files
    }
}

/// The documents named in `only` (comma-separated), or all; unknown names are an error that
/// lists the known ones.
pub fn select(only: Option<&str>) -> Result<Vec<&'static Document>, String> {
    let Some(only) = only else {
        return Ok(DOCUMENTS.iter().collect());
    };
    let mut chosen = Vec::new();
    for name in only.split(',').map(str::trim).filter(|n| !n.is_empty()) {
        match DOCUMENTS.iter().find(|d| d.name == name) {
            Some(d) if !chosen.iter().any(|c: &&Document| c.name == name) => chosen.push(d),
            Some(_) => {}
            None => {
                let known: Vec<&str> = DOCUMENTS.iter().map(|d| d.name).collect();
                return Err(format!(
                    "\"{name}\" is not a document; the documents are {}",
                    known.join(", ")
                ));
            }
        }
    }
    // Built in the catalogue's order, whatever the order asked.
    chosen.sort_by_key(|d| DOCUMENTS.iter().position(|c| c.name == d.name));
    Ok(chosen)
}

/// The file of one invitation inside the invitations folder: its 1-based position,
/// zero-padded to three digits, and a slug of the name (else the organisation):
/// `007-luong-trong-quynh.pdf`.
pub fn invitation_file(index: usize, invitee: &Invitee) -> String {
    let slug = vn::slug(invitee.label(), 60);
    let slug = if slug.is_empty() {
        "giay-moi".to_string()
    } else {
        slug
    };
    format!("{:03}-{slug}.pdf", index + 1)
}

/// Whether a file name is one `invitation_file` could have made.
pub fn is_invitation_file(name: &str) -> bool {
    let digits = name.bytes().take_while(u8::is_ascii_digit).count();
    digits >= 3 && name[digits..].starts_with('-') && name.ends_with(".pdf")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn invitee(name: Option<&str>, organization: Option<&str>) -> Invitee {
        Invitee {
            name: name.map(String::from),
            organization: organization.map(String::from),
            ..Invitee::default()
        }
    }

    #[test]
    fn invitation_files_are_numbered_and_named_after_the_invitee() {
        assert_eq!(
            invitation_file(0, &invitee(Some("Lương Trọng Quỳnh"), None)),
            "001-luong-trong-quynh.pdf"
        );
        assert_eq!(
            invitation_file(41, &invitee(None, Some("Sở Tài chính"))),
            "042-so-tai-chinh.pdf"
        );
        assert_eq!(
            invitation_file(1233, &invitee(Some("Đỗ Ánh"), Some("X"))),
            "1234-do-anh.pdf"
        );
        assert!(is_invitation_file("1234-do-anh.pdf"));
        assert!(!is_invitation_file("giay-moi.pdf"));
        assert!(!is_invitation_file("12-x.pdf"));
    }

    #[test]
    fn invitation_files_never_leave_the_folder_or_come_out_empty() {
        assert_eq!(
            invitation_file(2, &invitee(Some("../../x"), None)),
            "003-x.pdf"
        );
        assert_eq!(
            invitation_file(2, &invitee(Some("/etc/x"), None)),
            "003-etc-x.pdf"
        );
        assert_eq!(
            invitation_file(2, &invitee(Some("C:\\x"), None)),
            "003-c-x.pdf"
        );
        assert_eq!(
            invitation_file(2, &invitee(Some("?!…"), None)),
            "003-giay-moi.pdf"
        );
    }

    #[test]
    fn only_selects_known_documents_in_catalogue_order() {
        let names: Vec<&str> = select(Some("kich-ban, giay-moi,kich-ban"))
            .unwrap()
            .iter()
            .map(|d| d.name)
            .collect();
        assert_eq!(names, ["giay-moi", "kich-ban"]);
        assert_eq!(select(None).unwrap().len(), DOCUMENTS.len());
        let e = select(Some("giay-moi,thiep")).unwrap_err();
        assert!(
            e.starts_with("\"thiep\" is not a document; the documents are giay-moi, chuong-trinh"),
            "{e}"
        );
    }
}
