//! The model as written in the JSON file: its serde types. The `///` comments are the users'
//! documentation of each field: `hoinghi schema` gives them to editors, in Vietnamese.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// Một hội nghị: cơ quan ban hành, thông tin hội nghị, giấy mời, người ký, danh sách đại biểu
/// và chương trình.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "Tệp hội nghị của hoinghi")]
pub struct Model {
    /// Đường dẫn tới lược đồ JSON (để trình soạn thảo gợi ý); chương trình bỏ qua.
    #[serde(default, rename = "$schema", skip_serializing_if = "Option::is_none")]
    pub schema: Option<String>,
    /// Ghi chú tự do cho người soạn tệp; không in ra đâu cả.
    #[serde(default)]
    pub comment: Option<String>,
    /// Cơ quan ban hành văn bản (ô 2 của Nghị định 30).
    pub issuer: Issuer,
    /// Thông tin hội nghị: tên, ngày, giờ, địa điểm, chủ trì.
    pub event: Event,
    /// Giấy mời: số, ký hiệu, ngày ký, các lưu ý, nơi nhận.
    pub invitation: Invitation,
    /// Người ký giấy mời (ô 7).
    pub signer: Signer,
    /// Phông và cỡ chữ của mọi văn bản.
    #[serde(default)]
    pub style: Style,
    /// Các nhóm đại biểu, theo thứ tự nghi thức: tên nhóm, hoặc {"name": "…", "sort": "name"}
    /// để xếp người trong nhóm theo tên.
    #[serde(default)]
    pub groups: Vec<Group>,
    /// Danh sách đại biểu: mỗi người hoặc đơn vị một giấy mời; hoặc
    /// {"file": "dai-bieu.xlsx", "sheet": "…", "header_row": 3} để đọc từ tệp Excel/CSV bên cạnh.
    #[schemars(with = "InviteesSchema")]
    pub invitees: Vec<Invitee>,
    /// Kế hoạch mà các biểu kèm theo (Kèm theo Kế hoạch số …).
    #[serde(default)]
    pub plan: Option<Plan>,
    /// Buổi họp mà chương trình phải nằm gọn trong đó ("buổi sáng", kết thúc 11:30).
    #[serde(default)]
    pub session: Option<Session>,
    /// Chương trình hội nghị, theo thứ tự; giờ của từng mục được tính từ giờ bắt đầu.
    #[serde(default)]
    pub agenda: Vec<AgendaItem>,
    /// Biểu số 01: phân công tham luận.
    #[serde(default)]
    pub presentations: Vec<Presentation>,
    /// Biểu số 02: các bàn trưng bày sản phẩm.
    #[serde(default)]
    pub exhibits: Vec<Exhibit>,
    /// Công tác thi đua, khen thưởng tại hội nghị.
    #[serde(default)]
    pub awards: Option<Awards>,
    /// Những gì chỉ kịch bản dẫn chương trình cần.
    #[serde(default)]
    pub script: Option<Script>,
    /// Sổ ký tên đại biểu.
    #[serde(default)]
    pub sign_in: Option<SignIn>,
}

/// Sổ ký tên đại biểu.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SignIn {
    /// Số dòng trống cuối sổ cho người đến mà không có tên trong danh sách (mặc định 10).
    #[serde(default = "default_spare_rows")]
    pub spare_rows: u32,
}

fn default_spare_rows() -> u32 {
    10
}

/// The schema of a form of address lists the ones the checks accept, so that an editor offers
/// them.
fn honorific_choices(schema: &mut schemars::Schema) {
    let mut choices: Vec<serde_json::Value> = crate::vn::HONORIFICS
        .iter()
        .map(|h| serde_json::Value::from(*h))
        .collect();
    choices.push(serde_json::Value::Null);
    schema.insert("enum".into(), choices.into());
}

/// What the schema says the invitees may be: the list itself, or the file it is read from.
#[derive(JsonSchema)]
#[allow(dead_code)]
#[serde(untagged)]
enum InviteesSchema {
    /// Các đại biểu, ghi thẳng trong tệp hội nghị.
    List(Vec<Invitee>),
    /// Tệp danh sách đại biểu (Excel hoặc CSV) đặt cạnh tệp hội nghị.
    File(ListFile),
}

/// Tệp danh sách đại biểu: .xlsx, .xls, .ods hoặc .csv, đường dẫn tính từ thư mục của tệp hội
/// nghị.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ListFile {
    /// Tên tệp: "dai-bieu.xlsx".
    pub file: String,
    /// Trang tính cần đọc; bỏ trống thì đọc trang đầu tiên.
    #[serde(default)]
    pub sheet: Option<String>,
    /// Dòng tiêu đề (số dòng như Excel hiện, từ 1); bỏ trống thì chương trình tự tìm.
    #[serde(default)]
    pub header_row: Option<usize>,
}

/// Một nhóm đại biểu: tên nhóm ("Lãnh đạo tỉnh"), hoặc {"name": "…", "sort": "name"}.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Group {
    /// Tên nhóm, như in ở đầu nhóm trong danh sách.
    pub name: String,
    /// Thứ tự người trong nhóm.
    pub sort: GroupSort,
}

/// Thứ tự người trong một nhóm (sau những người có `order`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum GroupSort {
    /// Theo thứ tự đã gõ trong danh sách (mặc định).
    #[default]
    Typed,
    /// Theo tên (tên, rồi tên đệm, rồi họ), theo bảng chữ cái tiếng Việt.
    Name,
}

impl Group {
    /// A group in typed order.
    pub fn named(name: impl Into<String>) -> Self {
        Self {
            name: name.into(),
            sort: GroupSort::Typed,
        }
    }
}

/// What the schema says a group may be.
#[derive(JsonSchema)]
#[allow(dead_code)]
#[serde(untagged)]
enum GroupSchema {
    /// Tên nhóm; người trong nhóm theo thứ tự đã gõ.
    Name(String),
    /// Tên nhóm và cách xếp.
    Full {
        /// Tên nhóm.
        name: String,
        /// "typed" (thứ tự đã gõ, mặc định) hoặc "name" (theo tên).
        #[serde(default)]
        sort: GroupSort,
    },
}

impl JsonSchema for Group {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Group".into()
    }

    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        GroupSchema::json_schema(generator)
    }
}

/// A group is written as its name when its people keep the typed order.
impl Serialize for Group {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        if self.sort == GroupSort::Typed {
            return serializer.serialize_str(&self.name);
        }
        let mut s = serializer.serialize_struct("Group", 2)?;
        s.serialize_field("name", &self.name)?;
        s.serialize_field("sort", &self.sort)?;
        s.end()
    }
}

/// A group is read from its name, or from `{"name": …, "sort": …}`; by hand rather than as
/// an untagged enum, so that a mistake inside the object is named where it is.
impl<'de> Deserialize<'de> for Group {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct GroupVisitor;
        impl<'de> serde::de::Visitor<'de> for GroupVisitor {
            type Value = Group;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a string")
            }
            fn visit_str<E: serde::de::Error>(self, name: &str) -> Result<Group, E> {
                Ok(Group::named(name))
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> Result<Group, A::Error> {
                use serde::de::Error;
                let (mut name, mut sort) = (None, None);
                while let Some(key) = map.next_key::<String>()? {
                    match key.as_str() {
                        "name" => name = Some(map.next_value::<String>()?),
                        // null stands for the default, as for the other optional keys.
                        "sort" => sort = map.next_value::<Option<GroupSort>>()?,
                        other => return Err(A::Error::unknown_field(other, &["name", "sort"])),
                    }
                }
                Ok(Group {
                    name: name.ok_or_else(|| A::Error::missing_field("name"))?,
                    sort: sort.unwrap_or_default(),
                })
            }
        }
        deserializer.deserialize_any(GroupVisitor)
    }
}

/// Một người như văn bản gọi tên.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Person {
    /// "Đồng chí", "Ông" hoặc "Bà".
    #[serde(default)]
    #[schemars(transform = honorific_choices)]
    pub honorific: Option<String>,
    /// Họ và tên.
    pub name: String,
    /// Chức vụ: "Phó Chủ tịch Ủy ban nhân dân tỉnh".
    #[serde(default)]
    pub position: Option<String>,
}

/// Kế hoạch của cơ quan (Kế hoạch số …/KH-UBND), mà các biểu kèm theo. Có trích yếu
/// (`summary`) thì chương trình in cả bản kế hoạch (ke-hoach.pdf); có nhiệm vụ (`tasks`) thì in
/// bảng theo dõi nhiệm vụ (nhiem-vu.pdf) và lịch (nhiem-vu.ics).
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Plan {
    /// Số kế hoạch; null thì để trống cho văn thư điền.
    #[serde(default)]
    pub number: Option<u32>,
    /// Ký hiệu sau dấu gạch chéo: "KH-UBND".
    pub symbol: String,
    /// Ngày ký: "YYYY-MM-DD", "YYYY-MM" (để trống ngày) hoặc null.
    #[serde(default)]
    pub date: Option<String>,
    /// Trích yếu, in dưới chữ KẾ HOẠCH: "Tổ chức Hội nghị sơ kết …".
    #[serde(default)]
    pub summary: Option<String>,
    /// Các đoạn mở đầu, trước mục I: "Thực hiện chương trình công tác năm 2025, … như sau:".
    #[serde(default)]
    pub preamble: Vec<String>,
    /// Mục I.1 Mục đích: mỗi đoạn một phần tử, có dấu chấm câu ở cuối.
    #[serde(default)]
    pub purposes: Vec<String>,
    /// Mục I.2 Yêu cầu: mỗi đoạn một phần tử, có dấu chấm câu ở cuối.
    #[serde(default)]
    pub requirements: Vec<String>,
    /// Thời lượng ở mục II.1 Thời gian, trước ngày giờ họp: "01 buổi".
    #[serde(default)]
    pub duration: Option<String>,
    /// Mục II.3 Thành phần Hội nghị, mỗi dòng một phần tử; bỏ trống thì mỗi nhóm đại biểu một
    /// dòng, kèm số giấy mời của nhóm.
    #[serde(default)]
    pub composition: Vec<CompositionLine>,
    /// Mục II.4 Nội dung (một đoạn, có dấu chấm ở cuối).
    #[serde(default)]
    pub content: Option<String>,
    /// Mục II.5 Chương trình Hội nghị, mỗi dòng một phần tử, không có "- " ở đầu và ";" ở cuối;
    /// bỏ trống thì lấy nội dung các mục của chương trình (`agenda`).
    #[serde(default)]
    pub programme: Vec<String>,
    /// Các mục tiếp theo của phần II (trưng bày sản phẩm …), mỗi mục một số thứ tự.
    #[serde(default)]
    pub items: Vec<PlanItem>,
    /// Mục Kinh phí thực hiện: mỗi đoạn một phần tử; bỏ trống thì không có mục này.
    #[serde(default)]
    pub funding: Vec<String>,
    /// Mục Tổ chức thực hiện: nhiệm vụ của từng cơ quan, theo thứ tự in.
    #[serde(default)]
    pub tasks: Vec<AgencyTasks>,
    /// Đoạn kết, sau phần tổ chức thực hiện, không có "./." ở cuối (chương trình tự thêm).
    #[serde(default)]
    pub closing: Option<String>,
    /// Nơi nhận của kế hoạch, mỗi dòng một phần tử, không có "- " ở đầu và ";" ở cuối.
    #[serde(default)]
    pub recipients: Vec<String>,
    /// Người ký kế hoạch; bỏ trống thì là người ký giấy mời (`signer`).
    #[serde(default)]
    pub signer: Option<Signer>,
}

impl Plan {
    /// Whether the model holds the plan itself, not only what its annexes cite.
    pub fn is_written(&self) -> bool {
        self.summary.is_some()
    }
}

/// Một dòng của mục Thành phần Hội nghị.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CompositionLine {
    /// Lời văn của dòng, không có "- " ở đầu và ";" ở cuối. Chỗ ghi {số} được thay bằng số
    /// giấy mời của nhóm `group` trong danh sách: "Đại diện các chủ thể … ({số} chủ thể)".
    pub text: String,
    /// Nhóm đại biểu mà dòng này nói tới (một trong `groups`): để kế hoạch và danh sách mời
    /// không lệch nhau.
    #[serde(default)]
    pub group: Option<String>,
}

/// Một mục của phần II sau mục Chương trình: "Trưng bày, giới thiệu một số sản phẩm OCOP".
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PlanItem {
    /// Tên mục, in đậm, trước dấu hai chấm.
    pub title: String,
    /// Lời văn sau dấu hai chấm, có dấu chấm ở cuối. Chỗ ghi {số bàn} được thay bằng số bàn
    /// trưng bày (`exhibits`), {số tham luận} bằng số bài tham luận (`presentations`).
    pub text: String,
}

/// Nhiệm vụ của một cơ quan trong mục Tổ chức thực hiện.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AgencyTasks {
    /// Cơ quan thực hiện: "Sở Nông nghiệp và Môi trường".
    pub agency: String,
    /// Các nhiệm vụ, theo thứ tự in; một nhiệm vụ thì in liền sau tên cơ quan.
    pub items: Vec<Task>,
}

/// Một nhiệm vụ.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Task {
    /// Mã nhiệm vụ, không trùng nhau: giữ cho mục lịch của nhiệm vụ không đổi khi thêm, bớt
    /// hay đổi thứ tự các nhiệm vụ. Bỏ trống thì lấy theo cơ quan và thứ tự.
    #[serde(default)]
    pub id: Option<String>,
    /// Lời văn của nhiệm vụ, không có "- " ở đầu và ";" ở cuối. Chỗ ghi {hạn} được thay bằng
    /// thời hạn: "… gửi về Sở Nông nghiệp và Môi trường trước ngày {hạn}".
    pub text: String,
    /// Thời hạn: "YYYY-MM-DD", hoặc null nếu không có hạn.
    #[serde(default)]
    pub deadline: Option<String>,
    /// Đã hoàn thành: true thì không còn bị báo quá hạn.
    #[serde(default)]
    pub done: bool,
}

/// Buổi họp.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Session {
    /// "buổi sáng", "buổi chiều".
    pub name: String,
    /// Giờ kết thúc buổi, "HH:MM": chương trình kéo dài quá giờ này sẽ được báo.
    pub end: String,
}

/// Loại mục của chương trình; quyết định lời dẫn của người dẫn chương trình.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum ItemKind {
    /// Đón tiếp đại biểu trước giờ khai mạc (ví dụ tham quan khu trưng bày): đặt ở đầu chương
    /// trình, kết thúc đúng giờ bắt đầu ghi trên giấy mời.
    Reception,
    /// Tuyên bố lý do, giới thiệu đại biểu.
    Opening,
    /// Một bài phát biểu của `speaker` (khai mạc, chỉ đạo …).
    Speech,
    /// Một báo cáo hoặc phóng sự trình chiếu.
    Report,
    /// Các bài tham luận của `presentations`, lần lượt.
    Presentations,
    /// Thảo luận: các đại biểu phát biểu ý kiến.
    Discussion,
    /// Phần khen thưởng của `awards`.
    Awards,
    /// Kết luận, bế mạc.
    Closing,
    /// Mục khác.
    #[default]
    Other,
}

/// Một mục của chương trình.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AgendaItem {
    /// Loại mục: reception, opening, speech, report, presentations, discussion, awards, closing,
    /// other.
    #[serde(default)]
    pub kind: ItemKind,
    /// Nội dung: "Phát biểu khai mạc Hội nghị".
    pub content: String,
    /// Cột "Thực hiện" của chương trình: "Lãnh đạo UBND tỉnh".
    #[serde(default)]
    pub by: Option<String>,
    /// Người được mời phát biểu.
    #[serde(default)]
    pub speaker: Option<Person>,
    /// Thời lượng (phút); với phần tham luận, bỏ trống thì bằng tổng thời lượng các tham luận.
    #[serde(default)]
    pub minutes: Option<u32>,
    /// Chỉ dẫn sân khấu cho kịch bản: "Trình chiếu phóng sự".
    #[serde(default)]
    pub direction: Option<String>,
}

/// Một bài tham luận (Biểu số 01).
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Presentation {
    /// Đơn vị trình bày: "Sở Công Thương", "UBND xã Chi Lăng".
    pub unit: String,
    /// Mã của đại biểu (đơn vị hoặc người) được giao tham luận: giấy mời của đại biểu đó ghi
    /// nhiệm vụ chuẩn bị tham luận.
    #[serde(default)]
    pub invitee: Option<String>,
    /// Người trình bày.
    #[serde(default)]
    pub speaker: Option<Person>,
    /// Nội dung tham luận.
    pub topic: String,
    /// Thời lượng (phút).
    pub minutes: u32,
}

/// Một bàn trưng bày (Biểu số 02).
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Exhibit {
    /// Số bàn.
    pub table: u32,
    /// Xã, phường phụ trách bàn.
    pub host: String,
    /// Mã của đại biểu (đơn vị) phụ trách bàn: giấy mời của đại biểu đó ghi nhiệm vụ trưng bày.
    #[serde(default)]
    pub invitee: Option<String>,
    /// Các sản phẩm trưng bày.
    pub products: Vec<Product>,
}

/// Một sản phẩm trưng bày.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Product {
    /// Tên sản phẩm.
    pub name: String,
    /// Chủ thể sản xuất.
    pub producer: String,
    /// Hạng sao OCOP, từ 3 đến 5.
    pub stars: u8,
}

/// Phần khen thưởng.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Awards {
    /// Quyết định khen thưởng được công bố.
    pub decision: Decision,
    /// Hình thức: "Bằng khen", "Giấy khen".
    pub form: String,
    /// Người công bố quyết định: "đại diện lãnh đạo Sở Nội vụ".
    pub announcer: String,
    /// Người trao thưởng.
    pub presenter: Person,
    /// Số người lên sân khấu mỗi đợt.
    #[serde(default = "default_group_size")]
    pub group_size: usize,
    /// Các tập thể được khen, gọi lên trước: tên, hoặc {"name": "…", "invitee": "mã đại biểu"}.
    #[serde(default)]
    pub organizations: Vec<Collective>,
    /// Các cá nhân được khen.
    #[serde(default)]
    pub individuals: Vec<Awardee>,
}

fn default_group_size() -> usize {
    10
}

/// Một tập thể được khen: tên, hoặc tên cùng mã đại biểu.
#[derive(Debug, Clone, Serialize, JsonSchema)]
#[serde(untagged)]
pub enum Collective {
    /// Tên tập thể.
    Name(String),
    /// Tên tập thể và đại biểu tương ứng.
    Linked(LinkedCollective),
}

/// Một tập thể được khen và đại biểu của tập thể đó.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct LinkedCollective {
    /// Tên tập thể.
    pub name: String,
    /// Mã của đại biểu (đơn vị) tương ứng: giấy mời của đại biểu đó ghi việc lên nhận khen
    /// thưởng.
    #[serde(default)]
    pub invitee: Option<String>,
}

impl Collective {
    pub fn name(&self) -> &str {
        match self {
            Self::Name(name) => name,
            Self::Linked(c) => &c.name,
        }
    }

    pub fn invitee(&self) -> Option<&str> {
        match self {
            Self::Name(_) => None,
            Self::Linked(c) => c.invitee.as_deref(),
        }
    }
}

/// Quyết định khen thưởng.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Decision {
    /// Số quyết định: "1234/QĐ-UBND"; null thì để trống cho văn thư điền.
    #[serde(default)]
    pub number: Option<String>,
    /// Ký hiệu in sau chỗ trống khi chưa có số: "QĐ-UBND" cho "số      /QĐ-UBND".
    #[serde(default)]
    pub symbol: Option<String>,
    /// Ngày quyết định: "YYYY-MM-DD", "YYYY-MM" (để trống ngày) hoặc null (để trống, năm lấy theo
    /// ngày ký giấy mời).
    #[serde(default)]
    pub date: Option<String>,
    /// Người ký quyết định: "Chủ tịch Ủy ban nhân dân tỉnh".
    pub signer: String,
    /// Trích yếu, sau "về việc": "tặng Bằng khen cho các tập thể, cá nhân …".
    pub about: String,
}

/// Một cá nhân được khen.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Awardee {
    /// "Ông" hoặc "Bà": người dẫn chương trình đọc tên kèm danh xưng.
    #[serde(default)]
    pub honorific: Option<String>,
    /// Họ và tên.
    pub name: String,
    /// Chức vụ.
    #[serde(default)]
    pub position: Option<String>,
    /// Đơn vị.
    #[serde(default)]
    pub organization: Option<String>,
    /// Mã của đại biểu tương ứng (chính người này, hoặc đơn vị của họ): giấy mời của đại biểu đó
    /// ghi việc lên nhận khen thưởng.
    #[serde(default)]
    pub invitee: Option<String>,
}

/// Những gì chỉ kịch bản cần.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Script {
    /// Người dẫn chương trình: "Chánh Văn phòng UBND tỉnh".
    #[serde(default)]
    pub mc: Option<String>,
    /// Lời tuyên bố lý do, đọc sau lời chào. Khi có `plan`, kịch bản tự đọc trước câu "Thực hiện
    /// Kế hoạch số …/KH-… ngày … của …," (số và ngày chưa có thì để trống), nên lời này bắt đầu từ
    /// "hôm nay, …".
    pub reason: String,
    /// Các đại biểu được giới thiệu khi khai mạc.
    #[serde(default)]
    pub introductions: Vec<Introduction>,
}

/// Một đại biểu được giới thiệu khi khai mạc: một đại biểu theo mã, hoặc một người ghi ở đây.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Introduction {
    /// Thứ bậc nghi thức: số nhỏ được giới thiệu trước.
    pub rank: u32,
    /// Khối của đại biểu: "Thường trực Hội đồng nhân dân tỉnh".
    pub bloc: String,
    /// Mã của một đại biểu trong danh sách.
    #[serde(default)]
    pub invitee: Option<String>,
    /// Hoặc một người không có trong danh sách.
    #[serde(default)]
    pub person: Option<Person>,
}

/// Cơ quan ban hành (ô 2 của Nghị định 30).
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Issuer {
    /// Cơ quan chủ quản, in phía trên, chữ đứng, không đậm.
    #[serde(default)]
    pub parent: Option<String>,
    /// Tên cơ quan ở đầu văn bản, mỗi dòng một phần tử, chữ in hoa.
    pub header: Vec<String>,
    /// Tên cơ quan trong câu văn: "Ủy ban nhân dân tỉnh Lạng Sơn".
    pub name: String,
    /// Địa danh ở dòng ngày tháng: "Lạng Sơn".
    pub place: String,
    /// Địa chỉ cơ quan, in ở góc phong bì.
    #[serde(default)]
    pub address: Option<String>,
    /// Điện thoại cơ quan, in ở góc phong bì.
    #[serde(default)]
    pub phone: Option<String>,
}

/// Thông tin hội nghị.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Event {
    /// Tên hội nghị, như đứng sau "Tới dự": "Hội nghị sơ kết …".
    pub title: String,
    /// Ngày họp: "YYYY-MM-DD", hoặc null khi chưa chốt ngày (mọi văn bản in chữ DỰ THẢO).
    pub date: Option<String>,
    /// Thời gian dự kiến, in thay cho ngày khi chưa chốt: "trong tháng 10/2025".
    #[serde(default)]
    pub tentative: Option<String>,
    /// Giờ bắt đầu: "HH:MM".
    pub start: String,
    /// Địa điểm.
    pub venue: String,
    /// Người chủ trì, viết "Đồng chí <Họ tên>, <Chức vụ>": biển tên và sơ đồ chỗ ngồi lấy họ tên
    /// và chức vụ từ đây.
    pub chair: String,
    /// Chức danh ngắn của người chủ trì, in trên biển tên và sơ đồ chỗ ngồi: "Phó Chủ tịch UBND
    /// tỉnh"; bỏ trống thì in chức vụ.
    #[serde(default)]
    pub chair_short: Option<String>,
}

/// Giấy mời.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Invitation {
    /// Số giấy mời; null thì để trống cho văn thư điền.
    #[serde(default)]
    pub number: Option<u32>,
    /// Ký hiệu sau dấu gạch chéo: "GM-UBND".
    pub symbol: String,
    /// Ngày ký: "YYYY-MM-DD", "YYYY-MM" (để trống ngày) hoặc null (để trống cả).
    #[serde(default)]
    pub date: Option<String>,
    /// Các lưu ý, mỗi lưu ý một đoạn; đoạn cuối có "./.". Một lưu ý là chữ (gửi mọi người),
    /// hoặc {"text": "…", "groups": ["…"]} để chỉ gửi đại biểu thuộc các nhóm đó.
    #[serde(default)]
    pub notes: Vec<Note>,
    /// Nơi nhận, mỗi dòng một phần tử, không có "- " ở đầu và ";" ở cuối.
    pub recipients: Vec<String>,
    /// Tạo thêm bản Word của mọi giấy mời (giay-moi.docx, mỗi giấy mời một trang) cho nơi cần
    /// gửi tệp Word; mặc định không tạo.
    #[serde(default)]
    pub word_copy: bool,
}

/// Một lưu ý của giấy mời.
#[derive(Debug, Clone, Serialize, JsonSchema)]
#[serde(untagged)]
pub enum Note {
    /// Gửi mọi đại biểu.
    Everyone(String),
    /// Chỉ gửi đại biểu thuộc các nhóm đã ghi.
    Groups(GroupNote),
}

/// Một lưu ý chỉ gửi một số nhóm đại biểu.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct GroupNote {
    /// Nội dung lưu ý.
    pub text: String,
    /// Các nhóm nhận lưu ý này, trong số các nhóm của `groups`.
    pub groups: Vec<String>,
}

impl Note {
    pub fn text(&self) -> &str {
        match self {
            Self::Everyone(text) => text,
            Self::Groups(note) => &note.text,
        }
    }

    /// Whether an invitee of `group` gets this note.
    pub fn is_for(&self, group: Option<&str>) -> bool {
        match self {
            Self::Everyone(_) => true,
            Self::Groups(note) => group.is_some_and(|g| note.groups.iter().any(|n| n == g)),
        }
    }
}

/// Người ký (ô 7).
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Signer {
    /// Các dòng thẩm quyền, chức vụ: "TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH".
    pub title: Vec<String>,
    /// Họ và tên người ký.
    pub name: String,
    /// Chức danh ngắn của người ký, in trên biển tên và sơ đồ chỗ ngồi: "Phó Chủ tịch UBND tỉnh".
    #[serde(default)]
    pub short: Option<String>,
}

/// Trình bày.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Style {
    /// Phông chữ của mọi văn bản (mặc định Tinos, cùng số đo với Times New Roman).
    #[serde(default = "default_font")]
    pub font: String,
    /// Bộ cỡ chữ của Nghị định 30: 13 hoặc 14 (cỡ chữ phần nội dung).
    #[serde(default = "default_size")]
    pub size: u32,
}

impl Default for Style {
    fn default() -> Self {
        Self {
            font: default_font(),
            size: default_size(),
        }
    }
}

fn default_font() -> String {
    "Tinos".into()
}

fn default_size() -> u32 {
    14
}

impl Task {
    /// How many days past its deadline the task is on `today`, if it is late: it has a
    /// deadline, it is not done, and the deadline has passed.
    pub fn days_late(
        &self,
        deadline: Option<chrono::NaiveDate>,
        today: chrono::NaiveDate,
    ) -> Option<u64> {
        let deadline = deadline?;
        (!self.done && deadline < today).then(|| (today - deadline).num_days().unsigned_abs())
    }
}

/// Một giấy mời: gửi một người (`name`), một đơn vị (`organization`), hoặc cả hai.
#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Invitee {
    /// Mã đại biểu, không trùng nhau; dùng cho --invitee và để liên kết.
    #[serde(default)]
    pub id: Option<String>,
    /// Danh xưng: "Đồng chí", "Ông" hoặc "Bà"; chỉ dùng khi có họ tên.
    #[serde(default)]
    #[schemars(transform = honorific_choices)]
    pub honorific: Option<String>,
    /// Họ và tên.
    #[serde(default)]
    pub name: Option<String>,
    /// Chức vụ.
    #[serde(default)]
    pub position: Option<String>,
    /// Chức danh ngắn in trên biển tên và sơ đồ chỗ ngồi: "Chủ tịch HĐND tỉnh"; bỏ trống thì in
    /// chức vụ.
    #[serde(default)]
    pub short: Option<String>,
    /// Đơn vị (cơ quan, tổ chức).
    #[serde(default)]
    pub organization: Option<String>,
    /// Thành phần dự, với giấy mời gửi đơn vị: "Đại diện lãnh đạo Sở".
    #[serde(default)]
    pub attendees: Option<String>,
    /// Số người đơn vị cử đi dự (mặc định 1): sổ ký tên dành cho đơn vị bấy nhiêu dòng.
    #[serde(default)]
    pub sends: Option<u32>,
    /// Nhóm trong danh sách đại biểu, một trong các nhóm của `groups`.
    #[serde(default)]
    pub group: Option<String>,
    /// Thứ tự cố định trong nhóm (1 đứng đầu); người không có thứ tự đứng sau.
    #[serde(default)]
    pub order: Option<u32>,
    /// Chỗ ngồi: "head" (đoàn chủ tịch) hoặc "front" (hàng ghế đầu); có biển tên.
    #[serde(default)]
    #[schemars(extend("enum" = ["head", "front", null]))]
    pub seat: Option<String>,
    /// Điện thoại.
    #[serde(default)]
    pub phone: Option<String>,
    /// Địa chỉ gửi thư, in trên phong bì.
    #[serde(default)]
    pub address: Option<String>,
    /// Ghi chú; không in ra.
    #[serde(default)]
    pub comment: Option<String>,
}

impl Invitee {
    /// The text the invitee's file is named after: the name, else the organisation.
    pub fn label(&self) -> &str {
        self.name
            .as_deref()
            .or(self.organization.as_deref())
            .unwrap_or_default()
    }
}

impl Event {
    /// The chair's name and position, read from `chair` written "Đồng chí <name>, <position>"
    /// (or "<name> - <position>"): what a name card and the seating plan print.
    pub fn chair_person(&self) -> (&str, Option<&str>) {
        let mut text = self.chair.trim();
        for honorific in crate::vn::HONORIFICS {
            if let Some(rest) = text.strip_prefix(honorific)
                && rest.starts_with(' ')
            {
                text = rest.trim_start();
                break;
            }
        }
        let cut = [", ", " - "].iter().filter_map(|sep| text.find(sep)).min();
        match cut {
            Some(at) => {
                let sep = if text[at..].starts_with(", ") { 2 } else { 3 };
                (text[..at].trim(), Some(text[at + sep..].trim()))
            }
            None => (text, None),
        }
    }
}

/// Reads a value written either as a string or as an object: a mistake inside the object is
/// reported with its own key (an untagged enum would only say that no variant matched).
fn text_or_object<'de, D, T, R>(
    deserializer: D,
    expecting: &'static str,
    text: fn(String) -> R,
    object: fn(T) -> R,
) -> Result<R, D::Error>
where
    D: serde::Deserializer<'de>,
    T: Deserialize<'de>,
{
    struct Visit<T, R> {
        expecting: &'static str,
        text: fn(String) -> R,
        object: fn(T) -> R,
    }
    impl<'de, T: Deserialize<'de>, R> serde::de::Visitor<'de> for Visit<T, R> {
        type Value = R;

        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str(self.expecting)
        }

        fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<R, E> {
            Ok((self.text)(v.to_string()))
        }

        fn visit_map<M: serde::de::MapAccess<'de>>(self, map: M) -> Result<R, M::Error> {
            T::deserialize(serde::de::value::MapAccessDeserializer::new(map)).map(self.object)
        }
    }
    deserializer.deserialize_any(Visit {
        expecting,
        text,
        object,
    })
}

impl<'de> Deserialize<'de> for Note {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        text_or_object(
            d,
            "a string, or {\"text\": …, \"groups\": […]}",
            Note::Everyone,
            Note::Groups,
        )
    }
}

impl<'de> Deserialize<'de> for Collective {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        text_or_object(
            d,
            "a string, or {\"name\": …, \"invitee\": …}",
            Collective::Name,
            Collective::Linked,
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn event(chair: &str) -> Event {
        Event {
            title: "T".into(),
            date: None,
            tentative: None,
            start: "08:00".into(),
            venue: "V".into(),
            chair: chair.into(),
            chair_short: None,
        }
    }

    #[test]
    fn the_chair_is_read_as_name_and_position() {
        assert_eq!(
            event("Đồng chí Lương Trọng Quỳnh, Phó Chủ tịch Ủy ban nhân dân tỉnh").chair_person(),
            (
                "Lương Trọng Quỳnh",
                Some("Phó Chủ tịch Ủy ban nhân dân tỉnh")
            )
        );
        assert_eq!(
            event("Bà Trần Thị B - Giám đốc Sở").chair_person(),
            ("Trần Thị B", Some("Giám đốc Sở"))
        );
        assert_eq!(
            event("Lãnh đạo UBND tỉnh").chair_person(),
            ("Lãnh đạo UBND tỉnh", None)
        );
    }

    #[test]
    fn a_group_is_a_name_or_a_name_and_a_sort() {
        let groups: Vec<Group> =
            serde_json::from_str(r#"["A", {"name": "B", "sort": "name"}, {"name": "C"}]"#).unwrap();
        assert_eq!(
            groups,
            [
                Group::named("A"),
                Group {
                    name: "B".into(),
                    sort: GroupSort::Name
                },
                Group::named("C")
            ]
        );
        assert_eq!(
            serde_json::to_string(&groups).unwrap(),
            r#"["A",{"name":"B","sort":"name"},"C"]"#
        );
        let wrong = serde_json::from_str::<Group>(r#"{"name": "B", "order": 1}"#).unwrap_err();
        assert!(
            wrong.to_string().contains("unknown field `order`"),
            "{wrong}"
        );
    }
}
