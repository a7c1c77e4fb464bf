//! Messages about the model: reading the file, its JSON, the types of its values, and the
//! checks of what it says.

use super::catalogue;

catalogue! {
    pub enum ModelMsg {
        // Reading the file.
        CannotRead { error: String } =>
            "không đọc được tệp hội nghị: {error}",
            "cannot read the model: {error}";
        NotAFile =>
            "không phải một tệp thông thường (là thư mục, ống dẫn hoặc thiết bị); hãy chỉ tới tệp .json của hội nghị",
            "is not a regular file (a folder, a pipe or a device); name the conference's .json file";
        TooLarge { size: String, max: String } =>
            "tệp hội nghị nặng {size}, quá giới hạn {max}; một hội nghị thật chỉ cần vài MB",
            "the model is {size}, over the limit of {max}; a real conference needs a few MB";
        Utf16 =>
            "tệp được lưu dạng UTF-16; hãy lưu lại dạng UTF-8",
            "the file is UTF-16; save it as UTF-8";
        NotUtf8 { byte: String } =>
            "byte {byte} không phải UTF-8; hãy lưu tệp dạng UTF-8 (chữ gõ bằng Windows-1258, TCVN3 hay VNI phải chuyển mã trước)",
            "byte {byte} is not UTF-8; save the file as UTF-8 (text in Windows-1258, TCVN3 or VNI must be converted first)";

        // JSON syntax.
        JsonEmpty =>
            "tệp trống: tệp hội nghị phải bắt đầu bằng {{ và kết thúc bằng }}",
            "the file is empty: a model starts with {{ and ends with }}";
        JsonExpectedColon =>
            "thiếu dấu hai chấm : sau tên khóa",
            "a colon : is missing after the key";
        JsonExpectedValue =>
            "thiếu giá trị: sau dấu hai chấm phải có một giá trị (chữ trong dấu ngoặc kép, số, true/false, null, [ ] hoặc {{ }})",
            "a value is missing after the colon";
        JsonExpectedComma =>
            "thiếu dấu phẩy giữa hai mục",
            "a comma is missing between two entries";
        JsonKeyNotString =>
            "tên khóa phải đặt trong dấu ngoặc kép, ví dụ \"name\"",
            "a key must be in double quotes, like \"name\"";
        JsonTrailingComma =>
            "dấu phẩy thừa trước dấu đóng ngoặc",
            "trailing comma before the closing bracket";
        JsonUnexpectedClose =>
            "dấu đóng ngoặc không khớp với dấu mở ngoặc nào",
            "a closing bracket matches no opening one";
        JsonUnterminated { what: String } =>
            "{what} chưa được đóng: thiếu dấu đóng ngoặc ở cuối",
            "{what} is not closed: a closing bracket is missing";
        JsonUnterminatedString =>
            "chuỗi chữ chưa được đóng: thiếu dấu ngoặc kép \" ở cuối",
            "a string is not closed: a closing \" is missing";
        JsonUnterminatedComment =>
            "chú thích /* … */ chưa được đóng",
            "a /* … */ comment is not closed";
        JsonBadEscape =>
            "dấu \\ trong chuỗi chữ phải đi kèm \\\\, \\\", \\/, \\n hoặc \\uXXXX; muốn viết dấu \\ hãy gõ \\\\",
            "a \\ in a string must start \\\\, \\\", \\/, \\n or \\uXXXX; to write a backslash type \\\\";
        JsonBadNumber =>
            "số viết không đúng (chỉ dùng chữ số, dấu trừ và dấu chấm thập phân)",
            "a number is not written right (digits, a minus sign and a decimal point only)";
        JsonSingleQuotes =>
            "chuỗi chữ phải đặt trong dấu ngoặc kép \" \", không phải ' '",
            "strings take double quotes \" \", not single quotes";
        JsonUnexpected { token: String } =>
            "không hiểu {token} ở đây; chữ phải đặt trong dấu ngoặc kép",
            "{token} is not expected here; text must be in double quotes";
        JsonSecondRoot =>
            "có nội dung sau dấu }} cuối cùng của tệp",
            "there is more after the model's final }}";
        JsonTooDeep =>
            "các ngoặc lồng nhau quá sâu",
            "brackets are nested too deep";
        JsonOther { detail: String } =>
            "JSON không hợp lệ ({detail})",
            "invalid JSON ({detail})";
        AnObject => "nhóm {{ … }}", "the object {{ … }}";
        AList => "danh sách [ … ]", "the list [ … ]";
        DuplicateKey { key: String, first: usize } =>
            "khóa \"{key}\" đã có ở dòng {first}; mỗi khóa chỉ được ghi một lần (nếu không, bản ghi sau sẽ lặng lẽ thắng)",
            "the key \"{key}\" is already given on line {first}; each key may appear once (else the later one silently wins)";

        // The types of values.
        UnknownKey { key: String, known: String } =>
            "khóa \"{key}\" không có trong mẫu; ở đây chỉ dùng: {known}",
            "unknown key \"{key}\"; the keys here are: {known}";
        UnknownKeyNone { key: String } =>
            "khóa \"{key}\" không có trong mẫu; ở đây không có khóa nào",
            "unknown key \"{key}\"; nothing takes keys here";
        DidYouMean { key: String } =>
            "có phải ý bạn là \"{key}\"?",
            "did you mean \"{key}\"?";
        MissingKey { key: String, label: String } =>
            "thiếu \"{key}\" ({label}), là mục bắt buộc",
            "\"{key}\" ({label}) is required and missing";
        WrongType { expected: String, found: String } =>
            "cần {expected}, không phải {found}",
            "expected {expected}, not {found}";
        WrongValue { expected: String, found: String } =>
            "cần {expected}, không phải {found}",
            "expected {expected}, not {found}";
        TooLargeNumber { value: String, max: String } =>
            "số {value} quá lớn: ở đây chỉ dùng được đến {max}",
            "the number {value} is too large: the most it can be here is {max}";
        UnknownVariant { value: String, known: String } =>
            "\"{value}\" không phải một trong: {known}",
            "\"{value}\" is not one of: {known}";
        WrongLength { expected: String } =>
            "cần {expected}",
            "expected {expected}";
        OtherDataError { detail: String } =>
            "giá trị không hợp lệ ({detail})",
            "invalid value ({detail})";
        TypeText => "một chuỗi chữ trong dấu ngoặc kép", "a string in double quotes";
        TypeInteger => "một số nguyên không âm", "a whole number, 0 or more";
        TypeSmallInteger { max: String } => "một số nguyên từ 0 đến {max}", "a whole number from 0 to {max}";
        TypeSignedInteger => "một số nguyên", "a whole number";
        TypeNumber => "một số", "a number";
        TypeBool => "true hoặc false", "true or false";
        TypeList => "một danh sách [ … ]", "a list [ … ]";
        TypeObject => "một nhóm {{ … }}", "an object {{ … }}";
        TypeModel =>
            "một nhóm {{ … }} gồm các mục của hội nghị (issuer, event, invitation, signer, invitees …)",
            "an object {{ … }} with the conference's sections (issuer, event, invitation, signer, invitees …)";
        TypeOptionalText => "một chuỗi chữ hoặc null", "a string or null";
        TypeListOrFile =>
            "một danh sách [ … ] đại biểu, hoặc {{\"file\": \"dai-bieu.xlsx\"}}",
            "a list [ … ] of invitees, or {{\"file\": \"dai-bieu.xlsx\"}}";
        TypeOther { name: String } => "kiểu {name}", "{name}";
        FoundText { value: String } => "chuỗi chữ {value}", "the string {value}";
        FoundNumber { value: String } => "số {value}", "the number {value}";
        FoundBool { value: String } => "giá trị {value}", "{value}";
        FoundNull => "null (bỏ trống)", "null";
        FoundList => "một danh sách [ … ]", "a list [ … ]";
        FoundObject => "một nhóm {{ … }}", "an object {{ … }}";
        FoundOther { what: String } => "giá trị {what}", "{what}";

        // Text.
        InvisibleCharacter { value: String, code: String, at: usize } =>
            "{value} chứa ký tự ẩn hoặc ký tự điều khiển {code} ở vị trí {at}; hãy xóa nó",
            "{value} contains the invisible or control character {code} at position {at}; remove it";
        StrayMark { value: String, at: usize } =>
            "{value} có một dấu thanh không đứng trên chữ nào ở vị trí {at}; hãy gõ lại từ đó",
            "{value} has a diacritic with no letter under it at position {at}; retype the word";

        // The checks.
        NotADate { value: String } =>
            "{value} không phải ngày viết theo dạng YYYY-MM-DD (ví dụ 2025-10-16)",
            "{value} is not a date written YYYY-MM-DD";
        NotOnTheCalendar { value: String } =>
            "{value} không có trên lịch",
            "{value} is not a date of the calendar";
        YearOutOfRange { value: String } =>
            "{value}: năm phải từ 1945 đến 2200",
            "{value}: the year must be from 1945 to 2200";
        NotATime { value: String } =>
            "{value} không phải giờ viết theo dạng HH:MM (ví dụ 08:00)",
            "{value} is not a time written HH:MM";
        NotATimeOfDay { value: String } =>
            "{value} không phải một giờ trong ngày (00:00 đến 23:59)",
            "{value} is not a time of day (00:00 to 23:59)";
        NotAMonthOrDate { value: String } =>
            "{value} không phải tháng dạng YYYY-MM hay ngày dạng YYYY-MM-DD",
            "{value} is not a month written YYYY-MM or a date YYYY-MM-DD";
        TentativeNeeded =>
            "cần có khi chưa chốt ngày họp (event.date là null): câu in trên giấy mời thay cho ngày, ví dụ \"trong tháng 10/2025\"",
            "is needed while event.date is null: the wording invitations show instead of the date, e.g. \"trong tháng 10/2025\"";
        NotASizeSet { value: u32 } =>
            "{value} không phải bộ cỡ chữ của Nghị định 30 (13 hoặc 14)",
            "{value} is not one of the decree's size sets 13, 14";
        Empty =>
            "không được để trống",
            "must not be empty";
        NoLines =>
            "cần ít nhất một dòng",
            "must have at least one line";
        NobodyInvited =>
            "danh sách trống: chưa mời ai",
            "the list is empty: there is nobody to invite";
        NotAnHonorific { value: String } =>
            "{value} không phải \"Đồng chí\", \"Ông\" hoặc \"Bà\"",
            "{value} is not one of \"Đồng chí\", \"Ông\", \"Bà\"";
        NoNameNoOrganization =>
            "không có cả họ tên lẫn đơn vị: giấy mời gửi cho ai?",
            "has neither a name nor an organization: say whom the invitation is for";
        HonorificWithoutName =>
            "có danh xưng nhưng không có họ tên",
            "is set but the invitee has no name";
        TooLong { value: String, length: usize, max: usize } =>
            "{value} dài {length} ký tự; giấy mời chỉ chứa được tối đa {max}",
            "{value} is {length} characters long; an invitation holds at most {max}";
        NotAGroup { value: String, groups: String } =>
            "{value} không phải một nhóm của hội nghị: {groups}",
            "{value} is not one of the model's groups: {groups}";
        GroupTwice { value: String, first: String } =>
            "nhóm {value} đã có ở {first}: mỗi nhóm chỉ ghi một lần",
            "the group {value} is already listed at {first}: list each group once";
        NoGroups { value: String } =>
            "{value} không phải một nhóm: hội nghị chưa khai báo nhóm nào (\"groups\": [...], theo thứ tự nghi thức)",
            "{value} is not a group: the model lists no groups (\"groups\": [...], in protocol order)";
        NotASeat { value: String } =>
            "{value} không phải \"head\" (đoàn chủ tịch) hoặc \"front\" (hàng ghế đầu)",
            "{value} is not \"head\" (head table) or \"front\" (front rows)";
        OrderFromOne =>
            "phải từ 1 trở lên (1 đứng đầu)",
            "must be 1 or more (1 comes first)";
        EmptyId =>
            "không được để trống; nếu không cần mã thì bỏ hẳn khóa này",
            "must not be empty; leave it out instead";
        IdTaken { value: String, first: String } =>
            "{value} đã là mã của {first}",
            "{value} is already the id of {first}";
        MinutesNeeded =>
            "cần có: mục này kéo dài bao nhiêu phút",
            "is needed: how long the item lasts";
        PresentationsMissing =>
            "là \"presentations\" nhưng hội nghị chưa có tham luận nào",
            "is \"presentations\" but the model has no presentations";
        ScriptMissing =>
            "là \"opening\" nhưng hội nghị chưa có kịch bản (script): lời tuyên bố lý do và người được giới thiệu",
            "is \"opening\" but the model has no script: the reason for the conference and whom to introduce";
        AwardsMissing =>
            "là \"awards\" nhưng hội nghị chưa có phần khen thưởng (awards)",
            "is \"awards\" but the model has no awards";
        SessionNeeded =>
            "cần có khi có chương trình: buổi họp mà chương trình phải nằm gọn, ví dụ {{\"name\": \"buổi sáng\", \"end\": \"11:30\"}}",
            "is needed with an agenda: the part of the day it must fit, e.g. {{\"name\": \"buổi sáng\", \"end\": \"11:30\"}}";
        AtLeastOne =>
            "phải từ 1 trở lên",
            "must be at least 1";
        TooManyMinutes { value: u32 } =>
            "{value} phút là quá một ngày; một mục của chương trình dài tối đa 1440 phút",
            "{value} minutes is more than a day; a programme item lasts at most 1440 minutes";
        TableTaken { table: u32, first: String } =>
            "số bàn {table} đã là số của {first}",
            "{table} is already the number of {first}";
        NoProducts =>
            "phải có ít nhất một sản phẩm",
            "must list at least one product";
        NotAStarRating { value: u8 } =>
            "{value} không phải hạng sao OCOP (3, 4 hoặc 5 sao)",
            "{value} is not an OCOP rating of 3, 4 or 5 stars";
        NoSuchInvitee { value: String } =>
            "không có đại biểu nào mang mã {value}",
            "no invitee has the id {value}";
        InviteeWithoutName { value: String } =>
            "đại biểu {value} không có họ tên để giới thiệu",
            "the invitee {value} has no name to introduce";
        InviteeOrPerson =>
            "cần \"invitee\" (mã một đại biểu) hoặc \"person\" (một người), chỉ một trong hai",
            "needs either \"invitee\" (an id) or \"person\", not both";
        PastMidnight { item: String, end: String } =>
            "chương trình sẽ kéo dài qua nửa đêm: {item} kết thúc lúc {end} ngày hôm sau",
            "the programme would run past midnight: {item} ends at {end} the next day";
        Overrun { end: String, minutes: u32, session: String, session_end: String } =>
            "chương trình kết thúc lúc {end}, quá {minutes} phút so với {session} (kết thúc {session_end})",
            "the programme ends at {end}, {minutes} minutes after {session} ends at {session_end}";
        OverrunHint =>
            "rút ngắn thời lượng một vài mục, hoặc sửa giờ kết thúc của buổi (session.end)",
            "shorten some items, or change the session's end (session.end)";
        ListFileShape =>
            "danh sách ghi trong tệp phải có dạng {{\"file\": \"dai-bieu.xlsx\", \"sheet\": \"…\"}}",
            "a list file is given as {{\"file\": \"dai-bieu.xlsx\", \"sheet\": \"…\"}}";
        StillToFill { value: String } =>
            "{value} vẫn là chỗ để trống của mẫu: hãy điền nội dung thật",
            "{value} is still the starter's placeholder: fill it in";
    }
}
