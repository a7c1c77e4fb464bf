//! The documents a model produces, each in one place: its name, its template, the files it is
//! written to, and which part of its rendered source each file is made of (what a rebuild
//! compares). Adding a paper means adding it here and writing its template.

use std::ops::Range;
use std::path::PathBuf;

use crate::office::HtmlCopy;

use crate::calendar;
use crate::context::Rows;
use crate::i18n::Lang;
use crate::model::{Conference, Invitee, Model};
use crate::problem::Problems;
use crate::typeset::Part;
use crate::vn;

/// How a document's compiled pages become files.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
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
    /// What it is, in Vietnamese and in English.
    title: (&'static str, &'static str),
    pub template: &'static str,
    pub shape: Shape,
    /// The rows a long list of it is set in pieces by (see [`crate::engine::pieces`]).
    pub pieces: Option<Rows>,
    /// Whether a model has what the document needs.
    produced_by: fn(&Model) -> bool,
    /// The files it makes beside its PDFs without Typst: editable copies, a calendar.
    pub extras: &'static [Extra],
}

/// A file a document makes besides its PDFs: a Word or Excel copy, a calendar.
#[derive(Debug)]
pub struct Extra {
    /// Its name in the output folder: "kich-ban.docx".
    pub file: &'static str,
    /// Whether the model asks for it.
    pub wanted: fn(&Model) -> bool,
    /// What makes its bytes; the same input must give the same bytes.
    pub make: Maker,
}

/// How an extra is made, and so what a rebuild compares to know it changed.
#[derive(Debug, Clone, Copy)]
pub enum Maker {
    /// From the conference and the templates' context, while planning; compared by its bytes.
    /// A workbook, a calendar: their content is data, not the templates' wording.
    Conference(fn(&Conference, &minijinja::Value) -> Result<Vec<u8>, Problems>),
    /// From the document's own Typst source compiled for HTML, which has the wording of its
    /// PDF: a Word copy. Compared like the PDF, by that source, and made only when it changed.
    Html(HtmlMaker),
}

/// What makes a copy from a document's HTML.
pub type HtmlMaker = fn(&HtmlCopy) -> Result<Vec<u8>, Problems>;

/// The Word copy of a document, named after it.
const fn word_copy(file: &'static str) -> Extra {
    Extra {
        file,
        wanted: |_| true,
        make: Maker::Html(crate::office::docx::write),
    }
}

/// Every document, in the order they are listed and built.
pub const DOCUMENTS: [Document; 13] = [
    Document {
        name: "giay-moi",
        title: (
            "Giấy mời, một trang cho mỗi đại biểu",
            "Invitations, one page per invitee",
        ),
        template: "giay-moi.typ.j2",
        shape: Shape::Invitations,
        pieces: None,
        produced_by: |_| true,
        // Only when asked for: Word copies of hundreds of invitations cost as much again as
        // their PDFs, for the few offices that must send a Word file.
        extras: &[Extra {
            wanted: |m| m.invitation.word_copy,
            ..word_copy("giay-moi.docx")
        }],
    },
    Document {
        name: "chuong-trinh",
        title: (
            "Chương trình hội nghị (A5), và bản in gấp đóng ghim (A4 ngang)",
            "Programme booklet (A5), and its copy for folded, stapled printing (A4 landscape)",
        ),
        template: "chuong-trinh.typ.j2",
        shape: Shape::Booklet,
        pieces: None,
        produced_by: |m| !m.agenda.is_empty(),
        extras: &[word_copy("chuong-trinh.docx")],
    },
    Document {
        name: "kich-ban",
        title: (
            "Kịch bản điều hành của người dẫn chương trình",
            "The MC's script",
        ),
        template: "kich-ban.typ.j2",
        shape: Shape::Single,
        pieces: None,
        produced_by: |m| !m.agenda.is_empty(),
        extras: &[word_copy("kich-ban.docx")],
    },
    Document {
        name: "bieu-01-tham-luan",
        title: (
            "Biểu số 01: phân công tham luận",
            "Annex 01: the presentations",
        ),
        template: "bieu-01-tham-luan.typ.j2",
        shape: Shape::Single,
        pieces: None,
        produced_by: |m| !m.presentations.is_empty(),
        extras: &[],
    },
    Document {
        name: "bieu-02-trung-bay",
        title: (
            "Biểu số 02: phân công trưng bày sản phẩm",
            "Annex 02: the display tables",
        ),
        template: "bieu-02-trung-bay.typ.j2",
        shape: Shape::Single,
        pieces: None,
        produced_by: |m| !m.exhibits.is_empty(),
        extras: &[],
    },
    Document {
        name: "ke-hoach",
        title: (
            "Kế hoạch tổ chức hội nghị, kèm Biểu số 01 và 02 (trang ngang)",
            "The plan of the conference, with Annexes 01 and 02 (landscape pages)",
        ),
        template: "ke-hoach.typ.j2",
        shape: Shape::Single,
        pieces: None,
        produced_by: |m| m.plan.as_ref().is_some_and(|p| p.is_written()),
        extras: &[],
    },
    Document {
        name: "nhiem-vu",
        title: (
            "Bảng theo dõi nhiệm vụ của kế hoạch, và lịch các thời hạn (.ics)",
            "Checklist of the plan's tasks, and a calendar of their deadlines (.ics)",
        ),
        template: "nhiem-vu.typ.j2",
        shape: Shape::Single,
        pieces: None,
        produced_by: |m| m.plan.as_ref().is_some_and(|p| !p.tasks.is_empty()),
        extras: &[Extra {
            file: "nhiem-vu.ics",
            wanted: |_| true,
            make: Maker::Conference(calendar::make),
        }],
    },
    Document {
        name: "danh-sach-dai-bieu",
        title: (
            "Danh sách đại biểu theo nhóm, thứ tự nghi thức",
            "Delegate list by group, in protocol order",
        ),
        template: "danh-sach-dai-bieu.typ.j2",
        shape: Shape::Single,
        pieces: Some(Rows::Delegates),
        produced_by: |_| true,
        extras: &[Extra {
            file: "danh-sach-dai-bieu.xlsx",
            wanted: |_| true,
            make: Maker::Conference(crate::office::xlsx::delegate_list),
        }],
    },
    Document {
        name: "so-ky",
        title: (
            "Sổ ký tên đại biểu, có cột chữ ký và điện thoại",
            "Sign-in sheet, with columns to sign and for a phone number",
        ),
        template: "so-ky.typ.j2",
        shape: Shape::Single,
        pieces: Some(Rows::Delegates),
        produced_by: |_| true,
        extras: &[Extra {
            file: "so-ky.xlsx",
            wanted: |_| true,
            make: Maker::Conference(crate::office::xlsx::sign_in_sheet),
        }],
    },
    Document {
        name: "bien-ten",
        title: (
            "Biển tên để bàn cho người chủ trì, người ký, đoàn chủ tịch và hàng ghế đầu (A4 ngang, gấp đôi)",
            "Table name cards for the chair, the signer, the head table and the front rows (A4 landscape, folded)",
        ),
        template: "bien-ten.typ.j2",
        shape: Shape::Single,
        pieces: None,
        // The chair has a card whoever else is seated.
        produced_by: |_| true,
        extras: &[],
    },
    Document {
        name: "so-do-cho-ngoi",
        title: (
            "Sơ đồ chỗ ngồi đoàn chủ tịch và hàng ghế đầu (A4 ngang)",
            "Seating plan of the head table and the front rows (A4 landscape)",
        ),
        template: "so-do-cho-ngoi.typ.j2",
        shape: Shape::Single,
        pieces: None,
        produced_by: |_| true,
        extras: &[],
    },
    Document {
        name: "danh-sach-khen-thuong",
        title: (
            "Danh sách lên sân khấu nhận khen thưởng, theo từng đợt, cho tổ lễ tân",
            "Award stage list, batch by batch, for the reception team",
        ),
        template: "danh-sach-khen-thuong.typ.j2",
        shape: Shape::Single,
        pieces: None,
        produced_by: |m| m.awards.is_some(),
        extras: &[],
    },
    Document {
        name: "phong-bi",
        title: (
            "Phong bì DL (220 × 110 mm), một chiếc cho mỗi giấy mời",
            "DL envelopes (220 × 110 mm), one per invitation",
        ),
        template: "phong-bi.typ.j2",
        shape: Shape::Single,
        pieces: Some(Rows::Invitees),
        produced_by: |_| true,
        extras: &[],
    },
];

/// The label that starts each invitation in the source of the invitations (see
/// `templates/giay-moi.typ.j2`).
pub const INVITATION_LABEL: &str = "invitation";

/// A document rendered to Typst source.
pub struct Rendered {
    pub document: &'static Document,
    pub source: String,
    /// For the invitations, each invitation's part of the source: from its line
    /// `#metadata(…) <invitation>` to the next. What comes before the first is the preamble.
    pub invitations: Vec<Range<usize>>,
}

impl Rendered {
    pub fn preamble(&self) -> &str {
        &self.source[..self.invitations.first().map_or(0, |r| r.start)]
    }

    /// Invitation `k`'s own part of the source.
    pub fn part(&self, k: usize) -> &str {
        &self.source[self.invitations[k].clone()]
    }

    /// The source that sets the invitation at position `k` alone.
    pub fn invitation(&self, k: usize) -> String {
        [self.preamble(), self.part(k)].concat()
    }
}

/// One file of a document, and what it is made of.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FilePlan {
    /// Relative to the output folder.
    pub path: PathBuf,
    pub make: Make,
}

/// How a file is made.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Make {
    /// A PDF of the document's pages, depending on `inputs` of its source.
    Pdf { part: Part, inputs: Inputs },
    /// By the document's extra at this position.
    Extra(usize),
}

/// What a PDF depends on in the document's source: all of it, or the preamble and one
/// invitation's part (so that changing one invitee changes one invitation).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Inputs {
    Whole,
    Invitation(usize),
}

impl FilePlan {
    fn pdf(path: PathBuf, part: Part, inputs: Inputs) -> Self {
        Self {
            path,
            make: Make::Pdf { part, inputs },
        }
    }

    /// The part of the pages a PDF is made of; none for an extra.
    pub fn part(&self) -> Option<Part> {
        match self.make {
            Make::Pdf { part, .. } => Some(part),
            Make::Extra(_) => None,
        }
    }

    /// The invitation a PDF is, if it is one.
    pub fn invitation(&self) -> Option<usize> {
        match self.make {
            Make::Pdf {
                inputs: Inputs::Invitation(k),
                ..
            } => Some(k),
            _ => None,
        }
    }
}

impl Document {
    pub fn title(&self, lang: Lang) -> &'static str {
        lang.pick(self.title.0, self.title.1)
    }

    pub fn is_produced_by(&self, model: &Model) -> bool {
        (self.produced_by)(model)
    }

    /// The document's main file: `NAME.pdf`.
    pub fn file(&self) -> PathBuf {
        PathBuf::from(format!("{}.pdf", self.name))
    }

    /// The folder of the one-invitation files: `NAME/`.
    pub fn folder(&self) -> PathBuf {
        PathBuf::from(self.name)
    }

    /// Cuts the rendered source into what its files are made of.
    pub fn rendered(&'static self, mut source: String) -> Rendered {
        // A source grows by doubling while rendered, and is kept for the whole build: the
        // invitations of 10,000 (18 MB) would otherwise hold 32 MB.
        source.shrink_to_fit();
        let invitations = match self.shape {
            Shape::Invitations => cut_invitations(&source),
            _ => Vec::new(),
        };
        Rendered {
            document: self,
            source,
            invitations,
        }
    }

    /// Every file the document writes for `invitees`, and what each is made of.
    pub fn plan(&self, model: &Model) -> Vec<FilePlan> {
        let invitees = &model.invitees;
        let mut files = Vec::new();
        match self.shape {
            Shape::Invitations => {
                files.extend(invitees.iter().enumerate().map(|(k, invitee)| {
                    FilePlan::pdf(
                        self.folder().join(invitation_file(k, invitee)),
                        Part::Page(k + 1),
                        Inputs::Invitation(k),
                    )
                }));
            }
            Shape::Booklet => files.push(FilePlan::pdf(
                PathBuf::from(format!("{}-in.pdf", self.name)),
                Part::Imposed,
                Inputs::Whole,
            )),
            Shape::Single => {}
        }
        files.push(FilePlan::pdf(self.file(), Part::Whole, Inputs::Whole));
        files.extend(
            self.extras
                .iter()
                .enumerate()
                .filter(|(_, extra)| (extra.wanted)(model))
                .map(|(i, extra)| FilePlan {
                    path: PathBuf::from(extra.file),
                    make: Make::Extra(i),
                }),
        );
        files
    }
}

/// The documents named in `only` (comma-separated), or all, in the catalogue's order; an
/// unknown name comes back as the error.
pub fn select(only: Option<&str>) -> Result<Vec<&'static Document>, String> {
    let Some(only) = only else {
        return Ok(DOCUMENTS.iter().collect());
    };
    let mut chosen = Vec::new();
    for name in only.split(',').map(str::trim).filter(|n| !n.is_empty()) {
        match DOCUMENTS.iter().find(|d| d.name == name) {
            Some(d) if !chosen.iter().any(|c: &&Document| c.name == name) => chosen.push(d),
            Some(_) => {}
            None => return Err(name.to_string()),
        }
    }
    // Built in the catalogue's order, whatever the order asked.
    chosen.sort_by_key(|d| DOCUMENTS.iter().position(|c| c.name == d.name));
    Ok(chosen)
}

/// The names of every document, for messages.
pub fn names() -> String {
    DOCUMENTS
        .iter()
        .map(|d| d.name)
        .collect::<Vec<_>>()
        .join(", ")
}

/// The byte range of each invitation in the invitations' source: from each line
/// `#metadata(…) <invitation>` to the next such line, the last to the end.
fn cut_invitations(source: &str) -> Vec<Range<usize>> {
    let marker = format!("<{INVITATION_LABEL}>");
    let starts: Vec<usize> = source
        .match_indices("\n#metadata(")
        .map(|(at, _)| at + 1)
        .filter(|&at| {
            source[at..]
                .lines()
                .next()
                .is_some_and(|l| l.trim_end().ends_with(&marker))
        })
        .collect();
    let ends = starts.iter().skip(1).copied().chain([source.len()]);
    starts.iter().zip(ends).map(|(&a, b)| a..b).collect()
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
        assert_eq!(select(Some("giay-moi,thiep")).unwrap_err(), "thiep");
    }

    #[test]
    fn each_invitation_is_cut_at_its_marker() {
        let source = "pre\n#metadata(1) <invitation>\na\n#metadata(2) <invitation>\nb\n";
        let r = DOCUMENTS[0].rendered(source.to_string());
        assert_eq!(r.preamble(), "pre\n");
        assert_eq!(r.part(1), "#metadata(2) <invitation>\nb\n");
        let sample =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/small.json");
        let mut model = crate::model::load(&crate::model::Source::File(sample))
            .expect("the small fixture loads")
            .model;
        model.invitees = vec![invitee(Some("A"), None), invitee(Some("B"), None)];
        model.invitation.word_copy = false;
        assert_eq!(
            DOCUMENTS[0].plan(&model).len(),
            3,
            "two invitations and the merged file; no Word copy unless asked for"
        );
        model.invitation.word_copy = true;
        let plan = DOCUMENTS[0].plan(&model);
        assert_eq!(plan.len(), 4, "and the Word copy, asked for");
        assert_eq!(plan[1].invitation(), Some(1));
        assert_eq!(plan[2].path, PathBuf::from("giay-moi.pdf"));
        assert_eq!(plan[3].path, PathBuf::from("giay-moi.docx"));
    }
}
