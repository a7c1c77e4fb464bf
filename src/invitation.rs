//! The invitation (giấy mời): what its template is given, and where its files go.

use minijinja::Value;
use minijinja::value::Serde;
use serde::Serialize;

use crate::model::{Conference, Invitee, Issuer, Signer, Style};
use crate::vn;

pub const TEMPLATE: &str = "giay-moi.typ.j2";
/// The merged file, every invitation in list order, for printing.
pub const MERGED: &str = "giay-moi.pdf";
/// The folder of the one-invitation files.
pub const FOLDER: &str = "giay-moi";
/// The label each invitation's first page carries, to check that each takes one page.
pub const PAGE_LABEL: &str = "invitation";

/// The variables of the invitation template.
#[derive(Serialize)]
struct Context<'a> {
    style: &'a Style,
    /// True while the date is not fixed: the papers are drafts.
    draft: bool,
    issuer: &'a Issuer,
    event: EventText<'a>,
    /// The document number with the decree's leading zero, or none to leave it blank.
    number: Option<String>,
    symbol: &'a str,
    signed: SignedText,
    notes: &'a [String],
    recipients: &'a [String],
    signer: &'a Signer,
    invitees: Vec<InviteeText<'a>>,
}

#[derive(Serialize)]
struct EventText<'a> {
    title: &'a str,
    venue: &'a str,
    chair: &'a str,
    /// "08 giờ 00 phút, thứ Năm, ngày 16/10/2025", or the tentative wording.
    time: String,
}

/// The signing date's parts as printed; none where the clerk fills it in by hand.
#[derive(Serialize)]
struct SignedText {
    day: Option<String>,
    month: Option<String>,
    year: Option<String>,
}

#[derive(Serialize)]
struct InviteeText<'a> {
    /// 1-based position in the list.
    index: usize,
    #[serde(flatten)]
    invitee: &'a Invitee,
}

/// The template variables for the invitations of the invitees at `indices` (0-based).
pub fn context(conf: &Conference, indices: &[usize]) -> Value {
    let m = &conf.model;
    let context = Context {
        style: &m.style,
        draft: conf.is_draft(),
        issuer: &m.issuer,
        event: EventText {
            title: &m.event.title,
            venue: &m.event.venue,
            chair: &m.event.chair,
            time: vn::event_time(
                conf.start,
                conf.date,
                m.event.tentative.as_deref().unwrap_or_default(),
            ),
        },
        number: m.invitation.number.map(|n| format!("{n:02}")),
        symbol: &m.invitation.symbol,
        signed: SignedText {
            day: conf.signing.day.map(vn::day),
            month: conf.signing.month.map(vn::month),
            year: conf.signing.year.map(|y| y.to_string()),
        },
        notes: &m.invitation.notes,
        recipients: &m.invitation.recipients,
        signer: &m.signer,
        invitees: indices
            .iter()
            .map(|&i| InviteeText {
                index: i + 1,
                invitee: &m.invitees[i],
            })
            .collect(),
    };
    Value::from(Serde(&context))
}

/// The file of one invitation inside [`FOLDER`]: its 1-based position, zero-padded to three
/// digits, and a slug of the name (else the organisation): `007-luong-trong-quynh.pdf`.
pub fn file_name(index: usize, invitee: &Invitee) -> String {
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
    fn files_are_numbered_and_named_after_the_invitee() {
        assert_eq!(
            file_name(0, &invitee(Some("Lương Trọng Quỳnh"), None)),
            "001-luong-trong-quynh.pdf"
        );
        assert_eq!(
            file_name(41, &invitee(None, Some("Sở Tài chính"))),
            "042-so-tai-chinh.pdf"
        );
        assert_eq!(
            file_name(1233, &invitee(Some("Đỗ Ánh"), Some("X"))),
            "1234-do-anh.pdf"
        );
    }

    #[test]
    fn file_names_never_leave_the_folder_or_come_out_empty() {
        assert_eq!(file_name(2, &invitee(Some("../../x"), None)), "003-x.pdf");
        assert_eq!(
            file_name(2, &invitee(Some("/etc/x"), None)),
            "003-etc-x.pdf"
        );
        assert_eq!(file_name(2, &invitee(Some("C:\\x"), None)), "003-c-x.pdf");
        assert_eq!(
            file_name(2, &invitee(Some("?!…"), None)),
            "003-giay-moi.pdf"
        );
    }
}
