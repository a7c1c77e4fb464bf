//! Messages about invitee lists read from spreadsheets and CSV files.

use super::catalogue;

catalogue! {
    pub enum ListMsg {
        NotAList =>
            "không phải loại danh sách hoinghi đọc được: hãy dùng tệp .xlsx, .xls, .ods hoặc .csv",
            "is not a list hoinghi can read: use .xlsx, .xls, .ods or .csv";
        CannotRead { error: String } =>
            "không đọc được tệp danh sách: {error}",
            "cannot read the list: {error}";
        CannotReadWorkbook { error: String } =>
            "không đọc được bảng tính: {error}",
            "cannot read the workbook: {error}";
        NoSuchSheet { wanted: String, sheets: String } =>
            "không có trang \"{wanted}\"; các trang của tệp là: {sheets}",
            "has no sheet \"{wanted}\"; its sheets are: {sheets}";
        NoSheet =>
            "bảng tính không có trang nào",
            "has no sheet";
        CannotReadSheet { sheet: String, error: String } =>
            "không đọc được trang \"{sheet}\": {error}",
            "cannot read sheet \"{sheet}\": {error}";
        CannotReadCsvLine { error: String } =>
            "không đọc được dòng CSV: {error}",
            "cannot read the CSV line: {error}";
        EmptySheet =>
            "trống: không có dòng tiêu đề và không có đại biểu nào",
            "is empty: no header row and no invitees";
        SecondColumn { title: String, field: String } =>
            "\"{title}\" là cột thứ hai cho {field}; chỉ giữ một cột",
            "\"{title}\" is a second column for {field}; keep one";
        UnknownColumn { title: String } =>
            "cột \"{title}\" không phải cột hoinghi biết nên được bỏ qua (các cột biết: Họ và tên, Danh xưng, Chức vụ, Đơn vị, Thành phần, Nhóm, Thứ tự, Chỗ ngồi, Điện thoại, Địa chỉ, Ghi chú, Mã, STT)",
            "the column \"{title}\" is not one hoinghi knows, so it is ignored (known: Họ và tên, Danh xưng, Chức vụ, Đơn vị, Thành phần, Nhóm, Thứ tự, Chỗ ngồi, Điện thoại, Địa chỉ, Ghi chú, Mã, STT)";
        NoNameColumn =>
            "không có cột họ tên (Họ và tên) hay cột đơn vị (Đơn vị); dòng đầu tiên có chữ phải là dòng tiêu đề",
            "has no column for the name (Họ và tên) or the organisation (Đơn vị); the first row with text must be the header";
        SpreadsheetError { error: String } =>
            "ô chứa lỗi của bảng tính {error}",
            "the cell holds the spreadsheet error {error}";
        NotASeat { value: String } =>
            "\"{value}\" không phải chỗ ngồi: hãy ghi \"Chủ tọa\" (đoàn chủ tịch) hoặc \"Hàng đầu\" (hàng ghế đầu)",
            "\"{value}\" is not a seat: write \"Chủ tọa\" (head table) or \"Hàng đầu\" (front row)";
        NotAnOrder { value: String } =>
            "\"{value}\" không phải số thứ tự (1, 2, 3 …)",
            "\"{value}\" is not an order number (1, 2, 3 …)";
        LegacyConverted { count: usize, cells: String } =>
            "{count} ô gõ bằng bảng mã cũ đã được chuyển sang Unicode: {cells}",
            "{count} cell(s) typed in a legacy encoding converted to Unicode: {cells}";
    }
}
