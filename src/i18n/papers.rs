//! Messages about what the papers say: the links from the programme to the list, the people
//! who must not be invited to their own conference, the sign-in sheet, the reception, and what
//! makes an invitation longer than its page.

use super::catalogue;

catalogue! {
    pub enum PaperMsg {
        // Links from the programme to the list.
        NoInviteeWithId { value: String } =>
            "không có đại biểu nào mang mã {value}; hãy ghi mã của một đại biểu trong danh sách (invitees[…].id)",
            "no invitee has the id {value}; give the id of an invitee of the list (invitees[…].id)";
        NoteWithoutGroups =>
            "không ghi nhóm nào: lưu ý gửi mọi người thì ghi thẳng chữ, không cần \"groups\"",
            "names no group: a note for everyone is written as plain text, without \"groups\"";
        InviteeIsTheSigner { name: String } =>
            "{name} là người ký giấy mời: không ai tự mời mình dự hội nghị",
            "{name} signs the invitations: nobody invites themselves";
        InviteeIsTheChair { name: String } =>
            "{name} chủ trì hội nghị: người chủ trì không nhận giấy mời",
            "{name} chairs the conference: the chair gets no invitation";
        InviteeIsHostHint =>
            "bỏ đại biểu này khỏi danh sách (biển tên và sơ đồ chỗ ngồi vẫn có người chủ trì và người ký); lãnh đạo của cơ quan ban hành nhận văn bản qua \"Nơi nhận\"",
            "take this invitee off the list (the name cards and the seating plan have the chair and the signer anyway); the issuer's own leaders get the letter through its recipients";
        AwardeeWithoutHonorific { name: String } =>
            "{name} chưa có danh xưng: người dẫn chương trình sẽ đọc tên không kèm \"Ông\" hay \"Bà\"",
            "{name} has no honorific: the MC will read the name without \"Ông\" or \"Bà\"";
        AwardeeHonorificHint =>
            "thêm \"honorific\": \"Ông\" hoặc \"Bà\"",
            "add \"honorific\": \"Ông\" or \"Bà\"";
        TooManySent { value: u32, max: u32 } =>
            "{value} người là quá nhiều cho một giấy mời; tối đa {max}",
            "{value} people is too many for one invitation; at most {max}";
        ReceptionFirst =>
            "mục đón tiếp (\"reception\") chỉ đặt ở đầu chương trình, trước giờ bắt đầu",
            "a reception item (\"reception\") goes at the head of the programme, before the start";
        ReceptionBeforeMidnight { start: String } =>
            "phần đón tiếp dài hơn khoảng thời gian từ nửa đêm tới giờ bắt đầu ({start})",
            "the reception is longer than the time from midnight to the start ({start})";
        TooManySpareRows { value: u32, max: u32 } =>
            "{value} dòng trống là quá nhiều; tối đa {max}",
            "{value} spare rows is too many; at most {max}";

        // An invitation longer than its page.
        OrShorten { fields: String } =>
            "hoặc rút gọn: {fields}",
            "or shorten: {fields}";
        ShortenFields { fields: String } =>
            "phần làm giấy mời dài quá một trang: {fields}; hãy rút gọn",
            "what makes the invitation longer than a page: {fields}; shorten it";
    }
}
