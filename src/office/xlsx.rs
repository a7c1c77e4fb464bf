//! Lists out as well as in: the delegate list (`danh-sach-dai-bieu.xlsx`) and the sign-in
//! sheet (`so-ky.xlsx`) as workbooks the office can edit, print and track replies in. They are
//! written in protocol order, by group, the way [`crate::import::read`] reads lists, so that importing
//! the delegate list gives the same invitees back. The same conference gives the same bytes:
//! the workbook's dates are fixed.

use rust_xlsxwriter::{
    Color, DocProperties, ExcelDateTime, Format, FormatAlign, FormatBorder, Workbook, Worksheet,
    XlsxError,
};

use crate::context::protocol_order;
use crate::i18n::lists::ListMsg;
use crate::model::{Conference, Invitee};
use crate::problem::{Place, Problem, Problems};
use crate::vn;

/// The delegate list: by group, STT the invitation's number, then form of address, name,
/// position, unit, phone and a column "Xác nhận tham dự" for replies; what the printed list
/// leaves out (id, pinned order, seat, short title, people sent, address, note) in columns
/// after the print area.
pub fn delegate_list(conf: &Conference, _context: &minijinja::Value) -> Result<Vec<u8>, Problems> {
    let file = "danh-sach-dai-bieu.xlsx";
    let invitees = &conf.model.invitees;
    let mut columns: Vec<Column> = vec![
        Column::printed("STT", 6.0, |_| None),
        Column::printed("Danh xưng", 10.0, |i| i.honorific.clone()),
        Column::printed("Họ và tên", 24.0, |i| i.name.clone()),
        Column::printed("Chức vụ", 28.0, |i| i.position.clone()),
        Column::printed("Đơn vị", 30.0, |i| i.organization.clone()),
    ];
    if invitees.iter().any(|i| i.attendees.is_some()) {
        columns.push(Column::printed("Thành phần", 24.0, |i| {
            i.attendees.clone()
        }));
    }
    columns.push(Column::printed("Điện thoại", 14.0, |i| {
        i.phone.clone()
    }));
    columns.push(Column::printed("Xác nhận tham dự", 14.0, |_| None));
    let unprinted: [(&'static str, f64, Value); 7] = [
        ("Mã", 10.0, |i| i.id.clone()),
        ("Thứ tự", 8.0, |i| i.order.map(|o| o.to_string())),
        ("Chỗ ngồi", 11.0, |i| i.seat.as_deref().map(seat_words)),
        ("Chức danh ngắn", 20.0, |i| i.short.clone()),
        ("Số người dự", 8.0, |i| {
            i.sends.map(|n| n.to_string())
        }),
        ("Địa chỉ", 30.0, |i| i.address.clone()),
        ("Ghi chú", 24.0, |i| i.comment.clone()),
    ];
    for (title, width, value) in unprinted {
        if invitees.iter().any(|i| value(i).is_some()) {
            columns.push(Column {
                title,
                width,
                printed: false,
                value,
            });
        }
    }
    let heading = Heading {
        title: "DANH SÁCH ĐẠI BIỂU",
        sheet: "Danh sách đại biểu",
    };
    write(conf, &heading, &columns, 18.0).map_err(|e| cannot_write(file, &e))
}

/// The sign-in sheet: by group, STT the invitation's number, the name with its form of
/// address, position and unit together, phone, and room to sign.
pub fn sign_in_sheet(conf: &Conference, _context: &minijinja::Value) -> Result<Vec<u8>, Problems> {
    let file = "so-ky.xlsx";
    let columns = [
        Column::printed("STT", 6.0, |_| None),
        Column::printed("Họ và tên", 28.0, |i| {
            let name = i.name.as_deref().or(i.attendees.as_deref())?;
            Some(match &i.honorific {
                Some(h) => format!("{h} {name}"),
                None => name.to_string(),
            })
        }),
        Column::printed("Chức vụ, đơn vị", 40.0, |i| {
            let parts: Vec<&str> = [i.position.as_deref(), i.organization.as_deref()]
                .into_iter()
                .flatten()
                .collect();
            (!parts.is_empty()).then(|| parts.join(", "))
        }),
        Column::printed("Điện thoại", 15.0, |i| i.phone.clone()),
        Column::printed("Ký tên", 18.0, |_| None),
    ];
    let heading = Heading {
        title: "DANH SÁCH ĐẠI BIỂU KÝ TÊN",
        sheet: "Sổ ký",
    };
    write(conf, &heading, &columns, 32.0).map_err(|e| cannot_write(file, &e))
}

type Value = fn(&Invitee) -> Option<String>;

/// What a list is called: its title over the table and its sheet's name.
struct Heading {
    title: &'static str,
    sheet: &'static str,
}

/// A column of a written list: its header, its width in characters, whether it is printed,
/// and what it holds for an invitee (none for STT, written as a number, and the columns left
/// for the office to fill).
struct Column {
    title: &'static str,
    width: f64,
    printed: bool,
    value: Value,
}

impl Column {
    fn printed(title: &'static str, width: f64, value: Value) -> Self {
        Self {
            title,
            width,
            printed: true,
            value,
        }
    }
}

/// Writes one list: a title, the event, a header repeated on every printed page, a heading
/// row per group, a row per invitee; A4 portrait, one page wide, Times New Roman.
fn write(
    conf: &Conference,
    heading: &Heading,
    columns: &[Column],
    row_height: f64,
) -> Result<Vec<u8>, XlsxError> {
    let font = |size: u16| {
        Format::new()
            .set_font_name("Times New Roman")
            .set_font_size(size)
            .set_align(FormatAlign::VerticalCenter)
            .set_text_wrap()
    };
    let title_format = font(14).set_bold().set_align(FormatAlign::Center);
    let subtitle_format = font(13).set_italic().set_align(FormatAlign::Center);
    let header = font(12)
        .set_bold()
        .set_align(FormatAlign::Center)
        .set_border(FormatBorder::Thin)
        .set_background_color(Color::RGB(0xE6E6E6));
    let group_format = font(12)
        .set_bold()
        .set_border(FormatBorder::Thin)
        .set_background_color(Color::RGB(0xF2F2F2));
    let cell = font(12).set_border(FormatBorder::Thin);
    let number = cell.clone().set_align(FormatAlign::Center);

    let mut workbook = Workbook::new();
    let m = &conf.model;
    // Fixed dates: the same conference gives the same bytes.
    let properties = DocProperties::new()
        .set_title(heading.title)
        .set_author(&m.issuer.name)
        .set_creation_datetime(&ExcelDateTime::from_ymd(2000, 1, 1)?);
    workbook.set_properties(&properties);
    let sheet = workbook.add_worksheet();
    sheet.set_name(heading.sheet)?;
    let printed = columns.iter().filter(|c| c.printed).count() as u16;
    let last_printed = printed.saturating_sub(1);
    for (c, column) in columns.iter().enumerate() {
        sheet.set_column_width(c as u16, column.width)?;
    }

    sheet.merge_range(0, 0, 0, last_printed, heading.title, &title_format)?;
    let subtitle = format!("Dự {}", m.event.title);
    sheet.merge_range(1, 0, 1, last_printed, &subtitle, &subtitle_format)?;
    sheet.set_row_height(1, 36)?;
    let when = vn::event_time(
        conf.start,
        conf.date,
        m.event.tentative.as_deref().unwrap_or_default(),
    );
    sheet.merge_range(
        2,
        0,
        2,
        last_printed,
        &format!("{when}; {}", m.event.venue),
        &subtitle_format,
    )?;
    sheet.set_row_height(2, 36)?;
    let header_row = 4;
    for (c, column) in columns.iter().enumerate() {
        sheet.write_string_with_format(header_row, c as u16, column.title, &header)?;
    }
    sheet.set_row_height(header_row, 32)?;

    let mut row = header_row + 1;
    let mut group: Option<&str> = None;
    let mut groups = 0;
    for i in protocol_order(conf) {
        let invitee = &m.invitees[i];
        if let Some(name) = invitee.group.as_deref()
            && group != Some(name)
        {
            groups += 1;
            let heading = format!("{}. {name}", vn::roman(groups));
            sheet.merge_range(row, 0, row, last_printed, &heading, &group_format)?;
            for c in printed..columns.len() as u16 {
                sheet.write_blank(row, c, &group_format)?;
            }
            row += 1;
        }
        group = invitee.group.as_deref();
        sheet.write_number_with_format(row, 0, (i + 1) as f64, &number)?;
        for (c, column) in columns.iter().enumerate().skip(1) {
            match (column.value)(invitee) {
                Some(text) => sheet.write_string_with_format(row, c as u16, &text, &cell)?,
                None => sheet.write_blank(row, c as u16, &cell)?,
            };
        }
        sheet.set_row_height(row, row_height)?;
        row += 1;
    }

    print_setup(sheet, header_row, row.saturating_sub(1), last_printed)?;
    workbook.save_to_buffer()
}

/// A4 portrait, one page wide, the header row repeated on every page, the page number at the
/// foot, panes frozen under the header.
fn print_setup(
    sheet: &mut Worksheet,
    header_row: u32,
    last_row: u32,
    last_column: u16,
) -> Result<(), XlsxError> {
    const A4: u8 = 9;
    sheet
        .set_paper_size(A4)
        .set_portrait()
        .set_margins(0.6, 0.4, 0.6, 0.6, 0.3, 0.3)
        .set_print_fit_to_pages(1, 0)
        .set_print_center_horizontally(true)
        .set_footer("&C&\"Times New Roman\"&11Trang &P/&N");
    sheet.set_repeat_rows(header_row, header_row)?;
    sheet.set_print_area(0, 0, last_row.max(header_row), last_column)?;
    sheet.set_freeze_panes(header_row + 1, 0)?;
    Ok(())
}

/// How the lists write a seat, as the importer reads it.
fn seat_words(seat: &str) -> String {
    match seat {
        "head" => "Chủ tọa",
        "front" => "Hàng đầu",
        other => other,
    }
    .to_string()
}

fn cannot_write(file: &str, e: &XlsxError) -> Problems {
    Problems::one(Problem::error(
        Place::File(file.to_string()),
        ListMsg::CannotWriteWorkbook {
            error: e.to_string(),
        },
    ))
}
