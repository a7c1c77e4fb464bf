//! Messages about the plan itself: its placeholders, its composition against the list, its
//! tasks and their deadlines.

use super::catalogue;

catalogue! {
    pub enum PlanMsg {
        UnknownPlaceholder { value: String, allowed: String } =>
            "{value} không phải chỗ thay của trường này; trường này nhận: {allowed}",
            "{value} is not a placeholder of this field; it takes: {allowed}";
        NoPlaceholderHere { value: String } =>
            "{value} không phải chỗ thay: trường này không nhận chỗ thay nào",
            "{value} is not a placeholder: this field takes none";
        PlaceholderHint =>
            "chỗ thay viết trong ngoặc nhọn, đúng như trong hướng dẫn; muốn in dấu ngoặc nhọn thì viết ngoặc khác",
            "placeholders are written in braces exactly as documented; to print a brace, use another bracket";
        CountWithoutGroup =>
            "dòng có {{số}} nhưng không ghi nhóm (\"group\"), nên không biết đếm nhóm nào",
            "the line has {{số}} but no \"group\", so there is no group to count";
        CountWithoutGroupHint =>
            "ghi \"group\" là một trong các nhóm đại biểu (\"groups\")",
            "set \"group\" to one of the model's \"groups\"";
        GroupNotInComposition { group: String, count: usize } =>
            "nhóm {group} có {count} giấy mời nhưng không dòng nào của mục Thành phần Hội nghị nói tới nhóm này",
            "the group {group} has {count} invitations but no line of the composition names it";
        GroupNotInCompositionHint =>
            "ghi \"group\" vào dòng nói về nhóm này (có thể ghi {{số}} để in số giấy mời), hoặc thêm một dòng",
            "set \"group\" on the line about this group (with {{số}} to print its count), or add a line";
        ProgrammeDiffers { plan: usize, agenda: usize } =>
            "mục Chương trình của kế hoạch có {plan} dòng nhưng chương trình hội nghị (\"agenda\") có {agenda} mục",
            "the plan's programme has {plan} lines but the agenda has {agenda} items";
        ProgrammeDiffersHint =>
            "sửa cho hai bên khớp nhau, hoặc bỏ trống \"programme\" để kế hoạch lấy đúng các mục của \"agenda\"",
            "make them agree, or leave \"programme\" empty for the plan to list the agenda's items";
        SummaryMissing =>
            "kế hoạch có nội dung nhưng thiếu trích yếu (\"summary\"), nên chưa in được ke-hoach.pdf",
            "the plan has content but no \"summary\", so ke-hoach.pdf cannot be made";
        DeadlineWithoutDate =>
            "lời văn có {{hạn}} nhưng nhiệm vụ không có thời hạn (\"deadline\")",
            "the text has {{hạn}} but the task has no \"deadline\"";
        DeadlineWithoutDateHint =>
            "ghi \"deadline\": \"YYYY-MM-DD\", hoặc bỏ {{hạn}} khỏi lời văn",
            "set \"deadline\": \"YYYY-MM-DD\", or take {{hạn}} out of the text";
        TextDateDiffers { written: String, deadline: String } =>
            "lời văn ghi ngày {written} nhưng thời hạn (\"deadline\") là {deadline}: kế hoạch và bảng theo dõi sẽ lệch nhau",
            "the text says {written} but the \"deadline\" is {deadline}: the plan and the checklist would disagree";
        TextDateWithoutDeadline { written: String } =>
            "lời văn ghi ngày {written} nhưng nhiệm vụ không có thời hạn (\"deadline\"): bảng theo dõi và lịch sẽ không biết hạn này",
            "the text says {written} but the task has no \"deadline\": the checklist and the calendar will not know it";
        WriteDeadlineHint =>
            "ghi ngày vào \"deadline\" và viết {{hạn}} vào chỗ ngày trong lời văn, để hai bên luôn khớp",
            "put the date in \"deadline\" and write {{hạn}} where the text gives it, so that both always agree";
        AfterConference { deadline: String, date: String } =>
            "thời hạn {deadline} rơi sau ngày họp {date}",
            "the deadline {deadline} falls after the conference on {date}";
        AfterConferenceHint =>
            "việc chuẩn bị phải xong trước ngày họp: kiểm tra lại thời hạn, hoặc ngày họp",
            "preparations must be done before the conference: check the deadline, or the date";
        Overdue { agency: String, deadline: String, days: u64 } =>
            "nhiệm vụ của {agency} đã quá hạn {days} ngày (hạn {deadline}) mà chưa đánh dấu xong",
            "a task of {agency} is {days} days overdue (due {deadline}) and not marked done";
        OverdueHint =>
            "nếu đã xong, ghi \"done\": true; nếu lùi hạn, sửa \"deadline\"",
            "if it is done, set \"done\": true; if the deadline moved, change \"deadline\"";
    }
}
