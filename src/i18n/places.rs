//! Places in words: what the user calls the parts of a model ("Đại biểu thứ 4", trường
//! "Danh xưng"), of a spreadsheet (trang, ô) and of a text file (dòng, cột). The technical
//! path (`invitees[3].honorific`) is kept beside the words, for whoever edits the JSON.

use super::{Lang, catalogue};

catalogue! {
    /// The frames places are written in.
    pub enum PlaceMsg {
        Model => "Tệp hội nghị", "the model";
        Item { label: String, n: usize } => "{label} thứ {n}", "{label} {n}";
        Field { label: String } => "trường \"{label}\"", "field \"{label}\"";
        Line { file: String, line: usize } => "{file}, dòng {line}", "{file}:{line}";
        LineColumn { file: String, line: usize, column: usize } =>
            "{file}, dòng {line}, cột {column}", "{file}:{line}:{column}";
        Sheet { file: String, sheet: String } => "{file}, trang \"{sheet}\"", "{file}, sheet \"{sheet}\"";
        Cell { sheet: String, cell: String } => "{sheet}, ô {cell}", "{sheet}, cell {cell}";
        Row { sheet: String, row: usize } => "{sheet}, dòng {row}", "{sheet}, row {row}";
        BuiltIn { name: String } => "templates/{name} (mẫu có sẵn)", "templates/{name} (built in)";
        Arg { name: String } => "tùy chọn {name}", "option {name}";
        Env { name: String } => "biến môi trường {name}", "environment variable {name}";
    }
}

/// The words for each part of the model, by its path with the indices left out
/// (`invitees.honorific`): Vietnamese, English. Paths not listed fall back to their last key,
/// then to the key itself.
const FIELDS: &[(&str, &str, &str)] = &[
    ("comment", "Ghi chú", "comment"),
    ("issuer", "Cơ quan ban hành", "issuer"),
    ("issuer.parent", "Cơ quan chủ quản", "parent body"),
    ("issuer.header", "Tên cơ quan ở đầu văn bản", "header lines"),
    (
        "issuer.name",
        "Tên cơ quan trong câu văn",
        "name in running text",
    ),
    ("issuer.place", "Địa danh", "place name"),
    ("issuer.address", "Địa chỉ cơ quan", "address"),
    ("issuer.phone", "Điện thoại cơ quan", "phone"),
    ("event", "Thông tin hội nghị", "event"),
    ("event.title", "Tên hội nghị", "title"),
    ("event.date", "Ngày họp", "date"),
    ("event.tentative", "Thời gian dự kiến", "tentative wording"),
    ("event.start", "Giờ bắt đầu", "start"),
    ("event.venue", "Địa điểm", "venue"),
    ("event.chair", "Chủ trì", "chair"),
    (
        "event.chair_short",
        "Chức danh ngắn của người chủ trì",
        "chair's short title",
    ),
    ("invitation", "Giấy mời", "invitation"),
    ("invitation.number", "Số giấy mời", "number"),
    ("invitation.symbol", "Ký hiệu giấy mời", "symbol"),
    ("invitation.date", "Ngày ký giấy mời", "signing date"),
    ("invitation.notes", "Lưu ý", "notes"),
    ("invitation.notes.text", "Nội dung lưu ý", "text"),
    ("invitation.notes.groups", "Nhóm nhận lưu ý", "groups"),
    ("invitation.recipients", "Nơi nhận", "recipients"),
    (
        "invitation.word_copy",
        "Bản Word của giấy mời",
        "Word copy of the invitations",
    ),
    ("signer", "Người ký", "signer"),
    ("signer.title", "Chức vụ ký", "title lines"),
    ("signer.name", "Họ tên người ký", "name"),
    ("signer.short", "Chức danh ngắn của người ký", "short title"),
    ("style", "Trình bày", "style"),
    ("style.font", "Phông chữ", "font"),
    ("style.size", "Cỡ chữ", "size"),
    ("groups", "Nhóm đại biểu", "groups"),
    ("groups.name", "Tên nhóm", "name"),
    ("groups.sort", "Cách xếp trong nhóm", "sort"),
    ("invitees", "Danh sách đại biểu", "invitee list"),
    ("invitees.file", "Tệp danh sách", "list file"),
    ("invitees.sheet", "Trang tính", "sheet"),
    ("invitees.header_row", "Dòng tiêu đề", "header row"),
    ("plan", "Kế hoạch", "plan"),
    ("plan.number", "Số kế hoạch", "number"),
    ("plan.symbol", "Ký hiệu kế hoạch", "symbol"),
    ("plan.date", "Ngày ký kế hoạch", "date"),
    ("plan.summary", "Trích yếu kế hoạch", "summary"),
    ("plan.preamble", "Đoạn mở đầu", "preamble"),
    ("plan.purposes", "Mục đích", "purposes"),
    ("plan.requirements", "Yêu cầu", "requirements"),
    ("plan.duration", "Thời lượng hội nghị", "duration"),
    ("plan.composition", "Thành phần Hội nghị", "composition"),
    ("plan.composition.text", "Lời văn", "text"),
    ("plan.composition.group", "Nhóm đại biểu", "group"),
    ("plan.content", "Nội dung hội nghị", "content"),
    ("plan.programme", "Chương trình trong kế hoạch", "programme"),
    ("plan.items", "Mục khác của phần II", "further items"),
    ("plan.items.title", "Tên mục", "title"),
    ("plan.items.text", "Lời văn", "text"),
    ("plan.funding", "Kinh phí thực hiện", "funding"),
    ("plan.tasks", "Tổ chức thực hiện", "tasks"),
    ("plan.tasks.agency", "Cơ quan thực hiện", "agency"),
    ("plan.tasks.items", "Nhiệm vụ", "tasks"),
    ("plan.tasks.items.id", "Mã nhiệm vụ", "id"),
    ("plan.tasks.items.text", "Lời văn nhiệm vụ", "text"),
    ("plan.tasks.items.deadline", "Thời hạn", "deadline"),
    ("plan.tasks.items.done", "Đã xong", "done"),
    ("plan.closing", "Đoạn kết", "closing"),
    ("plan.recipients", "Nơi nhận của kế hoạch", "recipients"),
    ("plan.signer", "Người ký kế hoạch", "signer"),
    ("session", "Buổi họp", "session"),
    ("session.name", "Tên buổi", "name"),
    ("session.end", "Giờ kết thúc buổi", "end"),
    ("agenda", "Chương trình", "programme"),
    ("agenda.kind", "Loại mục", "kind"),
    ("agenda.content", "Nội dung", "content"),
    ("agenda.by", "Thực hiện", "by"),
    ("agenda.speaker", "Người phát biểu", "speaker"),
    ("agenda.minutes", "Thời lượng (phút)", "minutes"),
    ("agenda.direction", "Chỉ dẫn sân khấu", "direction"),
    ("presentations", "Các tham luận", "presentations"),
    ("presentations.unit", "Đơn vị tham luận", "unit"),
    ("presentations.speaker", "Người trình bày", "speaker"),
    ("presentations.topic", "Nội dung tham luận", "topic"),
    ("presentations.minutes", "Thời lượng (phút)", "minutes"),
    ("presentations.invitee", "Đại biểu của đơn vị", "invitee"),
    ("exhibits", "Các bàn trưng bày", "display tables"),
    ("exhibits.table", "Số bàn", "table"),
    ("exhibits.host", "Đơn vị phụ trách", "host"),
    ("exhibits.invitee", "Đại biểu của đơn vị", "invitee"),
    ("exhibits.products", "Sản phẩm", "product"),
    ("exhibits.products.name", "Tên sản phẩm", "name"),
    ("exhibits.products.producer", "Chủ thể", "producer"),
    ("exhibits.products.stars", "Hạng sao", "stars"),
    ("awards", "Khen thưởng", "awards"),
    ("awards.decision", "Quyết định khen thưởng", "decision"),
    ("awards.decision.number", "Số quyết định", "number"),
    ("awards.decision.symbol", "Ký hiệu quyết định", "symbol"),
    ("awards.decision.date", "Ngày quyết định", "date"),
    ("awards.decision.signer", "Người ký quyết định", "signer"),
    ("awards.decision.about", "Trích yếu quyết định", "about"),
    ("awards.form", "Hình thức khen thưởng", "form"),
    ("awards.announcer", "Người công bố quyết định", "announcer"),
    ("awards.presenter", "Người trao thưởng", "presenter"),
    (
        "awards.group_size",
        "Số người mỗi đợt lên nhận",
        "group size",
    ),
    (
        "awards.organizations",
        "Các tập thể được khen",
        "collectives",
    ),
    ("awards.organizations.name", "Tên tập thể", "name"),
    (
        "awards.organizations.invitee",
        "Đại biểu của tập thể",
        "invitee",
    ),
    ("awards.individuals", "Cá nhân được khen", "individual"),
    (
        "awards.individuals.invitee",
        "Đại biểu tương ứng",
        "invitee",
    ),
    ("sign_in", "Sổ ký tên", "sign-in sheet"),
    ("sign_in.spare_rows", "Số dòng trống cuối sổ", "spare rows"),
    ("script", "Kịch bản", "script"),
    ("script.mc", "Người dẫn chương trình", "MC"),
    ("script.reason", "Lời tuyên bố lý do", "reason"),
    (
        "script.introductions",
        "Người được giới thiệu",
        "introduction",
    ),
    ("script.introductions.rank", "Thứ bậc giới thiệu", "rank"),
    ("script.introductions.bloc", "Khối", "bloc"),
    ("script.introductions.invitee", "Mã đại biểu", "invitee"),
    ("script.introductions.person", "Người", "person"),
    ("id", "Mã đại biểu", "id"),
    ("honorific", "Danh xưng", "honorific"),
    ("name", "Họ và tên", "name"),
    ("short", "Chức danh ngắn (biển tên)", "short title"),
    ("position", "Chức vụ", "position"),
    ("organization", "Đơn vị", "organization"),
    ("attendees", "Thành phần", "attendees"),
    ("sends", "Số người dự", "sends"),
    ("group", "Nhóm", "group"),
    ("order", "Thứ tự", "order"),
    ("seat", "Chỗ ngồi", "seat"),
    ("phone", "Điện thoại", "phone"),
    ("address", "Địa chỉ", "address"),
];

/// The words for the element of an array, by the array's path without indices.
const ITEMS: &[(&str, &str, &str)] = &[
    ("invitees", "Đại biểu", "invitee"),
    ("agenda", "Mục chương trình", "agenda item"),
    ("presentations", "Tham luận", "presentation"),
    ("exhibits", "Bàn trưng bày", "display table"),
    ("exhibits.products", "sản phẩm", "product"),
    ("awards.organizations", "Tập thể được khen", "collective"),
    ("awards.individuals", "Cá nhân được khen", "individual"),
    (
        "script.introductions",
        "Người được giới thiệu",
        "introduction",
    ),
    ("invitation.notes", "Lưu ý", "note"),
    ("invitation.recipients", "Nơi nhận", "recipient"),
    ("issuer.header", "Dòng tên cơ quan", "header line"),
    ("signer.title", "Dòng chức vụ ký", "title line"),
    ("groups", "Nhóm", "group"),
    ("plan.preamble", "Đoạn mở đầu", "preamble paragraph"),
    ("plan.purposes", "Đoạn mục đích", "purpose paragraph"),
    ("plan.requirements", "Đoạn yêu cầu", "requirement paragraph"),
    ("plan.composition", "Dòng thành phần", "composition line"),
    ("plan.programme", "Dòng chương trình", "programme line"),
    ("plan.items", "Mục khác của phần II", "further item"),
    ("plan.funding", "Đoạn kinh phí", "funding paragraph"),
    ("plan.tasks", "Cơ quan thực hiện", "agency"),
    ("plan.tasks.items", "nhiệm vụ", "task"),
    ("plan.recipients", "Nơi nhận của kế hoạch", "recipient"),
];

/// One step of a path into the model.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Step<'a> {
    Key(&'a str),
    Index(usize),
}

fn steps(path: &str) -> Vec<Step<'_>> {
    let mut out = Vec::new();
    for part in path.split('.').filter(|p| !p.is_empty()) {
        let (key, mut rest) = part.split_once('[').map_or((part, ""), |(k, r)| (k, r));
        if !key.is_empty() {
            out.push(Step::Key(key));
        }
        while let Some((index, after)) = rest.split_once(']') {
            if let Ok(i) = index.parse() {
                out.push(Step::Index(i));
            }
            rest = after.strip_prefix('[').unwrap_or(after);
        }
    }
    out
}

fn lookup<'t>(table: &'t [(&str, &str, &str)], key: &str, lang: Lang) -> Option<&'t str> {
    table
        .iter()
        .find(|(k, _, _)| *k == key)
        .map(|(_, vi, en)| lang.pick(vi, en))
}

/// The label of a part of the model by its index-free path: exact, else by its last key.
pub fn field_label(bare: &str, lang: Lang) -> Option<&'static str> {
    lookup(FIELDS, bare, lang).or_else(|| {
        let last = bare.rsplit('.').next().unwrap_or(bare);
        lookup(FIELDS, last, lang)
    })
}

/// Where a part of the model (by its index-free path, else its last key) comes in the order
/// of [`FIELDS`], the order an invitation reads: the web page lays its forms out in it.
pub fn field_rank(bare: &str) -> Option<usize> {
    let rank = |key: &str| FIELDS.iter().position(|(k, _, _)| *k == key);
    rank(bare).or_else(|| rank(bare.rsplit('.').next().unwrap_or(bare)))
}

/// A path into the model in words, with the path itself after:
/// `Đại biểu thứ 4 (invitees[3]), trường "Danh xưng"`.
pub fn model_place(path: &str, lang: Lang) -> String {
    let steps = steps(path);
    if steps.is_empty() {
        return PlaceMsg::Model.text(lang);
    }
    // The last array element on the path names the thing; what follows it is the field.
    let last_item = steps.iter().rposition(|s| matches!(s, Step::Index(_)));
    let bare_upto = |end: usize| -> String {
        steps[..end]
            .iter()
            .filter_map(|s| match s {
                Step::Key(k) => Some(*k),
                Step::Index(_) => None,
            })
            .collect::<Vec<_>>()
            .join(".")
    };
    let raw_upto = |end: usize| -> String {
        let mut out = String::new();
        for s in &steps[..end] {
            match s {
                Step::Key(k) => {
                    if !out.is_empty() {
                        out.push('.');
                    }
                    out.push_str(k);
                }
                Step::Index(i) => out.push_str(&format!("[{i}]")),
            }
        }
        out
    };
    let Some(item_at) = last_item else {
        // A section and its fields: `Thông tin hội nghị, trường "Ngày họp" (event.date)`.
        let section = match steps[0] {
            Step::Key(k) => k,
            Step::Index(_) => "",
        };
        let head = field_label(section, lang).map_or_else(|| section.to_string(), String::from);
        if steps.len() == 1 {
            return format!("{head} ({path})");
        }
        let field = field_label(&bare_upto(steps.len()), lang)
            .map_or_else(|| bare_upto(steps.len()), String::from);
        return format!(
            "{head}, {} ({path})",
            PlaceMsg::Field { label: field }.text(lang)
        );
    };
    // Each array element on the way: "Bàn trưng bày thứ 2, sản phẩm thứ 1".
    let mut items = Vec::new();
    for (at, step) in steps.iter().enumerate().take(item_at + 1) {
        if let Step::Index(i) = step {
            let array = bare_upto(at);
            let label = lookup(ITEMS, &array, lang)
                .map(String::from)
                .or_else(|| field_label(&array, lang).map(String::from))
                .unwrap_or(array);
            items.push(PlaceMsg::Item { label, n: i + 1 }.text(lang));
        }
    }
    let mut out = format!("{} ({})", items.join(", "), raw_upto(item_at + 1));
    if item_at + 1 < steps.len() {
        // The field, with the parts between: "Người phát biểu › Danh xưng".
        let mut labels = Vec::new();
        for end in item_at + 2..=steps.len() {
            let bare = bare_upto(end);
            if matches!(steps[end - 1], Step::Index(_)) {
                continue;
            }
            labels.push(field_label(&bare, lang).map_or_else(
                || bare.rsplit('.').next().unwrap_or_default().to_string(),
                String::from,
            ));
        }
        out.push_str(", ");
        out.push_str(
            &PlaceMsg::Field {
                label: labels.join(" › "),
            }
            .text(lang),
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_invitees_field_reads_as_the_user_counts() {
        assert_eq!(
            model_place("invitees[3].honorific", Lang::Vi),
            "Đại biểu thứ 4 (invitees[3]), trường \"Danh xưng\""
        );
        assert_eq!(
            model_place("invitees[3].honorific", Lang::En),
            "invitee 4 (invitees[3]), field \"honorific\""
        );
        assert_eq!(
            model_place("invitees[0]", Lang::Vi),
            "Đại biểu thứ 1 (invitees[0])"
        );
    }

    #[test]
    fn sections_nested_items_and_the_model_itself_have_words() {
        assert_eq!(
            model_place("event.date", Lang::Vi),
            "Thông tin hội nghị, trường \"Ngày họp\" (event.date)"
        );
        assert_eq!(
            model_place("exhibits[1].products[0].stars", Lang::Vi),
            "Bàn trưng bày thứ 2, sản phẩm thứ 1 (exhibits[1].products[0]), trường \"Hạng sao\""
        );
        assert_eq!(
            model_place("agenda[2].speaker.honorific", Lang::Vi),
            "Mục chương trình thứ 3 (agenda[2]), trường \"Người phát biểu › Danh xưng\""
        );
        assert_eq!(
            model_place("plan.tasks[0].items[1].deadline", Lang::Vi),
            "Cơ quan thực hiện thứ 1, nhiệm vụ thứ 2 (plan.tasks[0].items[1]), trường \"Thời hạn\""
        );
        assert_eq!(model_place("", Lang::Vi), "Tệp hội nghị");
        assert_eq!(model_place("signer", Lang::Vi), "Người ký (signer)");
    }
}
