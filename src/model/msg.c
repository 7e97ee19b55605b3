/*
 * The message catalogue and its renderer (see msg.h).  Each row holds the
 * Vietnamese and the English template of one enum msg_id; {L} stands for
 * the field's label and {1}..{4} for the arguments.  Rows are grouped by
 * subject in the order of the enum.
 */
#include "model/msg.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "model/validate.h"

/* How to save a file the CSV import reads, ending every wrong-format error. */
#define SAVE_AS_VI                                                                                       \
	"hãy lưu lại bằng \"CSV UTF-8 (Comma delimited)\" trong Excel, hoặc \"Text CSV\" với " \
	"bộ ký tự UTF-8 và dấu phẩy phân cách trong LibreOffice"
#define SAVE_AS_EN                                                                                 \
	"save it as \"CSV UTF-8 (Comma delimited)\" in Excel, or as \"Text CSV\" with character "  \
	"set UTF-8 and field delimiter ',' in LibreOffice"

static const struct {
	const char *vi, *en;
} msg_catalogue[MSG__MAX] = {
    [MSG_NONE] = {"", ""},

    /* ---- statuses ---- */
    [MSG_ST_OK] = {"thành công", "ok"},
    [MSG_ST_NOTFOUND] = {"không tìm thấy", "not found"},
    [MSG_ST_FORBIDDEN] = {"bạn không có quyền thực hiện thao tác này", "you may not do this"},
    [MSG_ST_STATE] = {"không thể thực hiện ở trạng thái hiện tại",
		      "not possible in the current state"},
    [MSG_ST_CONFLICT] = {"dữ liệu đã bị người khác thay đổi; hãy tải lại và nhập lại",
			 "changed by someone else since you opened it; reload and apply your "
			 "changes again"},
    [MSG_ST_INVALID] = {"dữ liệu không hợp lệ", "invalid input"},
    [MSG_ST_EXISTS] = {"đã tồn tại", "already exists"},
    [MSG_ST_ERR] = {"lỗi hệ thống", "internal error"},
    [MSG_ST_FULL] = {"Bộ nhớ lưu trữ của máy chủ đã đầy nên chưa lưu được; hãy thử lại sau hoặc "
		     "báo quản trị viên.",
		     "The server's storage is full, so nothing was saved; try again later or "
		     "tell the administrator."},

    /* ---- field validation ---- */
    [MSG_VAL_MISSING] = {"thiếu {L}", "{L} is missing"},
    [MSG_VAL_UNKNOWN_CODE] = {"{L} không tồn tại", "unknown {L} '{1}'"},
    [MSG_VAL_TAX_BRANCH] = {"mã số thuế đơn vị phụ thuộc phải có số thứ tự 001–999",
			    "tax code branch number must be 001–999 '{1}'"},
    [MSG_VAL_TAX_HOUSEHOLD] = {"mã số thuế 12 số chỉ dành cho hộ kinh doanh",
			       "a 12-digit tax code is allowed only for household businesses "
			       "'{1}'"},
    [MSG_VAL_TAX_FORMAT] = {"mã số thuế phải có 10 số, 10 số-3 số hoặc 12 số (hộ kinh doanh)",
			    "tax code must be 10 digits, 10 digits-NNN, or 12 digits for "
			    "households '{1}'"},
    [MSG_VAL_TAX_CHECKSUM] = {"mã số thuế sai chữ số kiểm tra",
			      "tax code has a wrong check digit '{1}'"},
    [MSG_VAL_ENUM] = {"{L} không hợp lệ", "invalid {L} '{1}' ({2})"},
    [MSG_VAL_NOT_INTEGER] = {"{L} phải là số nguyên", "{L} must be a whole number, got '{1}'"},
    [MSG_VAL_RANGE] = {"{L} phải từ {1} đến {2}", "{L} must be between {1} and {2}, got '{3}'"},
    [MSG_VAL_NOT_NUMBER] = {"{L} không phải là số (dấu thập phân là '.')",
			    "{L} is not a number (decimal point '.'), got '{1}'"},
    [MSG_VAL_NUM_PAGE] = {"{L} không phải là số: dấu chấm phân cách hàng nghìn, dấu phẩy "
			  "trước phần thập phân (12.500 là mười hai nghìn năm trăm; 3,5 là ba "
			  "phẩy năm)",
			  "{L} is not a number: commas group thousands, a point starts the "
			  "decimals (12,500 or 3.5), got '{1}'"},
    [MSG_VAL_NUM_TWO_WAYS] = {"{L} '{1}' có thể hiểu là {2} hoặc {3}: hãy viết rõ (ví dụ "
			      "1.234 hoặc 1,2340)",
			      "{L} '{1}' reads as {2} or as {3}: write it so it cannot be "
			      "misread (e.g. 1,234 or 1.2340)"},
    [MSG_VAL_NOT_UTF8] = {"{L} không phải văn bản UTF-8 hợp lệ", "{L} is not valid UTF-8 text"},
    [MSG_VAL_TOO_LONG] = {"{L} dài quá {1} byte (có {2} byte)",
			  "{L} is longer than {1} bytes ({2} given)"},
    [MSG_VAL_BOOL01] = {"{L} phải là 1, 0 hoặc để trống", "{L} must be 1, 0 or empty, got '{1}'"},
    [MSG_VAL_REQUIRED] = {"bắt buộc nhập", "required"},
    [MSG_VAL_WRONG_TYPE] = {"kiểu giá trị sai", "wrong value type"},
    [MSG_VAL_REQUIRED_INT] = {"bắt buộc, số nguyên", "required, an integer"},
    [MSG_VAL_NOT_ARRAY] = {"phải là một mảng", "must be an array"},
    [MSG_VAL_NOT_OBJECT] = {"phải là một đối tượng", "must be an object"},

    /* ---- reporting ---- */
    [MSG_REP_PRODUCT_TWICE] = {"sản phẩm bị kê hai lần", "product listed twice '{1}'"},
    [MSG_REP_UNIT_PRODUCT] = {"đơn vị không phù hợp với sản phẩm (tính theo {1})",
			      "unit does not fit the product (measured in {1}) '{2}'"},
    [MSG_REP_UNIT_CARRIER] = {"đơn vị không dùng được cho loại năng lượng này",
			      "unit cannot be used for this energy carrier '{1}'"},
    [MSG_REP_PRODUCT_NOT_OUTPUT] = {"sản phẩm không có trong phần sản lượng",
				    "product is not among the outputs '{1}'"},
    [MSG_REP_ENERGY_MONTHS] = {"{1}: các dòng theo tháng cộng lại {2} {4}, khác số cả năm {3} {4} "
			       "(các tháng là chi tiết của số cả năm)",
			       "{1}: the monthly lines add up to {2} {4}, not the yearly {3} {4} "
			       "(the months are the detail of the year's figure)"},
    [MSG_REP_ENERGY_TWICE] = {"dòng năng lượng bị kê hai lần (cùng tháng, sản phẩm)",
			      "energy line listed twice (same month and product) '{1}'"},
    [MSG_REP_WATER_TWICE] = {"nguồn nước bị kê hai lần", "water source listed twice '{1}'"},
    [MSG_REP_TOO_MANY_LINES] = {"quá nhiều dòng (tối đa {1})", "too many lines (at most {1})"},
    [MSG_WF_NOTE_LONG] = {"{L} quá dài (tối đa {1} byte) hoặc sai mã UTF-8",
			  "{L} is too long (at most {1} bytes) or not UTF-8"},
    [MSG_CALC_UNIT] = {"đơn vị không xác định", "unknown unit"},
    [MSG_CALC_DIMENSION] = {"đơn vị khác thứ nguyên", "units of different dimensions"},
    [MSG_CALC_FACTOR] = {"thiếu hệ số quy đổi", "missing conversion factor"},
    [MSG_CALC_GJ] = {"thiếu nhiệt trị", "missing heating value"},
    [MSG_CALC_GRID] = {"thiếu hệ số phát thải lưới điện của năm",
		       "missing grid emission factor for the year"},
    [MSG_CALC_CO2] = {"thiếu hệ số phát thải CO2", "missing CO2 emission factor"},
    [MSG_CALC_UNKNOWN] = {"lỗi không xác định", "unknown error"},
    [MSG_LEDGER_UNIT] = {"đơn vị không quy đổi được", "unit does not convert"},
    [MSG_LEDGER_FACTOR] = {"thiếu hệ số TOE", "missing TOE factor"},
    [MSG_LEDGER_GJ] = {"thiếu nhiệt trị (GJ)", "missing heating value (GJ)"},
    [MSG_LEDGER_GRID] = {"thiếu hệ số phát thải lưới điện", "missing grid emission factor"},
    [MSG_LEDGER_CO2] = {"thiếu hệ số phát thải CO2", "missing CO2 emission factor"},
    [MSG_AN_UNKNOWN_PRODUCT] = {"sản phẩm không tồn tại", "unknown product"},
    [MSG_AN_UNKNOWN_PLAN] = {"kế hoạch không tồn tại", "unknown plan"},
    [MSG_AN_NO_THRESHOLD] = {"không có ngưỡng cơ sở sử dụng năng lượng trọng điểm cho năm {1}",
			     "no key energy user threshold valid in {1} (data/thresholds.csv)"},

    /* ---- registry ---- */
    [MSG_FAC_TAX_TAKEN] = {"mã số thuế đã được dùng cho cơ sở khác",
			   "tax code already belongs to another facility"},
    [MSG_FAC_CLOSED_BEFORE_OPENED] = {"năm ngừng hoạt động trước năm hoạt động",
				      "year closed is before the year opened"},
    [MSG_CLAIM_NOT_ENTERPRISE] = {"chỉ giao cơ sở cho tài khoản doanh nghiệp đang hoạt động",
				  "only an active enterprise account can be given a facility"},
    [MSG_CLAIM_NO_ACCOUNT] = {"không có tài khoản với email này", "no account has this email"},
    [MSG_CLAIM_TAKEN] = {"cơ sở này đã được nhận", "this facility is already claimed"},
    [MSG_CLAIM_NO_FACILITY] = {"không có cơ sở với mã này", "no facility has this code"},
    [MSG_REF_UNKNOWN_PLAN] = {"không có kế hoạch", "unknown plan '{1}'"},
    [MSG_REF_UNKNOWN_UNIT] = {"không có đơn vị hành chính", "unknown administrative unit '{1}'"},
    [MSG_REF_VALUE_REQUIRED] = {"thiếu giá trị", "value required"},
    [MSG_REF_NOT_UTF8] = {"không phải UTF-8", "not valid UTF-8"},
    [MSG_REF_NOT_NUMBER] = {"không phải số", "not a number: '{1}'"},
    [MSG_REF_NOT_INTEGER] = {"không phải số nguyên", "not an integer: '{1}'"},
    [MSG_REF_DATE] = {"ngày phải có dạng yyyy-mm-dd", "date must be yyyy-mm-dd: '{1}'"},
    [MSG_REF_RELIABILITY] = {"độ tin cậy phải là L, S hoặc ?",
			     "reliability must be L, S or ?: '{1}'"},
    [MSG_REF_BOOL01] = {"phải là 0 hoặc 1", "must be 0 or 1: '{1}'"},
    [MSG_REF_REJECTED] = {"dữ liệu bị cơ sở dữ liệu từ chối", "rejected by the database"},
    [MSG_REF_FIELD_TOO_LONG] = {"trường dài quá {1} byte", "field longer than {1} bytes"},
    [MSG_REF_HEADER] = {"dòng tiêu đề phải là", "the header must be"},
    [MSG_REF_NCOLUMNS] = {"có {1} cột, cần {2}", "has {1} columns, expected {2}"},
    [MSG_REF_MALFORMED] = {"CSV sai cú pháp", "malformed CSV"},
    [MSG_REF_EMPTY] = {"tệp rỗng", "empty file"},
    [MSG_REF_CANNOT_COMMIT] = {"không ghi được dữ liệu tham chiếu",
			       "cannot commit the reference data"},
    [MSG_REF_NOT_EMBEDDED] = {"không có trong chương trình", "not embedded in sxsh"},
    [MSG_REF_NOT_REFDATA] = {"không phải tệp dữ liệu tham chiếu", "not a reference data file"},
    [MSG_UH_BAD_DATE] = {"ngày không hợp lệ, cần dạng yyyy-mm-dd",
			 "invalid date, expected yyyy-mm-dd"},
    [MSG_UH_UNKNOWN_FACILITY] = {"cơ sở không tồn tại", "unknown facility"},
    [MSG_UH_UNKNOWN_UNIT] = {"đơn vị hành chính không tồn tại", "unknown administrative unit"},
    [MSG_UH_UNIT_NOT_VALID] = {"đơn vị {1} không có hiệu lực vào ngày {2} (hiệu lực {3} – {4})",
			       "unit {1} is not valid on {2} (valid {3} to {4})"},
    [MSG_UH_ALREADY_IN] = {"cơ sở {1} đã thuộc đơn vị {2}", "facility {1} is already in {2}"},
    [MSG_UH_FROM_TOO_EARLY] = {"ngày {1} phải sau ngày {2} của đơn vị hiện tại",
			       "date {1} must be after {2}, the start of the current unit"},
    [MSG_UH_CHANGED] = {"cơ sở vừa bị sửa, hãy thử lại",
			"the facility changed meanwhile, try again"},

    /* ---- import, export, copy and the command line ---- */
    [MSG_IO_DB_ERROR] = {"lỗi cơ sở dữ liệu", "database error"},
    [MSG_IO_CANNOT_OPEN] = {"không mở được tệp", "cannot open the file"},
    [MSG_IO_CANNOT_CREATE] = {"không tạo được", "cannot create"},
    [MSG_IO_CANNOT_RENAME] = {"không đổi tên được", "cannot rename"},
    [MSG_IO_WRITE_ERROR] = {"lỗi ghi", "write error"},
    [MSG_IO_PATH_TOO_LONG] = {"đường dẫn quá dài", "path too long"},
    [MSG_IO_CANNOT_BEGIN] = {"không bắt đầu được giao dịch", "cannot begin a transaction"},
    [MSG_IMP_DUP_CODE] = {"mã cơ sở trùng với dòng {1}",
			  "duplicate facility code '{2}', first on line {1}"},
    [MSG_IMP_FAC_EXISTS] = {"cơ sở đã có trong cơ sở dữ liệu (dùng --update để cập nhật)",
			    "facility '{1}' already exists (use --update to change it)"},
    [MSG_IMP_DUP_TAX] = {"mã số thuế trùng với dòng {1}",
			 "duplicate tax code '{2}', first on line {1}"},
    [MSG_IMP_TAX_OTHER] = {"mã số thuế đã thuộc về cơ sở '{1}'",
			   "tax code '{2}' already belongs to facility '{1}'"},
    [MSG_IMP_LATLON] = {"cần cả vĩ độ và kinh độ hoặc để trống cả hai",
			"latitude and longitude go together: give both or neither"},
    [MSG_IMP_CLOSED_BEFORE_OPENED] = {"năm đóng cửa trước năm bắt đầu hoạt động",
				      "closed_year {1} is before opened_year {2}"},
    [MSG_IMP_CLOSED_NEEDS_YEAR] = {"cơ sở đã đóng cửa cần năm đóng cửa",
				   "a closed facility needs closed_year"},
    [MSG_IMP_EMPTY_WITHOUT_LINE] = {"{L} phải để trống khi không có loại dòng",
				    "{L} must be empty when line is empty"},
    [MSG_IMP_EMPTY_FOR_LINE] = {"{L} phải để trống với loại dòng '{1}'",
				"{L} must be empty for line '{1}'"},
    [MSG_IMP_REPORT_EXISTS] = {"báo cáo năm {1} của cơ sở này đã có (dùng --replace để thay)",
			       "a {1} report for this facility already exists (use --replace to "
			       "replace it)"},
    [MSG_IMP_DIFFERS] = {"khác với dòng {1} ('{2}')",
			 "differs from line {1} where it is '{2}', got '{3}'"},
    [MSG_IMP_UNIT_PRODUCT] = {"đơn vị tính không quy đổi được sang đơn vị của sản phẩm ('{1}')",
			      "unit '{2}' does not convert to the product's unit '{1}'"},
    [MSG_IMP_UNIT_CARRIER] = {"đơn vị tính không dùng được cho năng lượng '{1}'",
			      "unit '{2}' is not allowed for carrier '{1}' (allowed: {3})"},
    [MSG_IMP_WATER_UNIT] = {"nước phải tính bằng m3 hoặc đơn vị thể tích khác",
			    "water must be in m3 or another volume unit, got '{1}'"},
    [MSG_IMP_TOO_MANY_LINES] = {"báo cáo có quá {1} dòng '{2}'",
				"the report has more than {1} '{2}' lines"},
    [MSG_IMP_ENERGY_MONTHS] = {"{1}: các dòng theo tháng cộng lại {2} {4}, khác số cả năm {3} {4} "
			       "(các tháng là chi tiết của số cả năm)",
			       "{1}: the monthly lines add up to {2} {4}, not the yearly {3} {4} "
			       "(the months are the detail of the year's figure)"},
    [MSG_IMP_DUP_LINE] = {"trùng với dòng {1} (cùng facility_code, year, line, item, product, "
			  "month)",
			  "duplicate of line {1} (same facility_code, year, line, item, product, "
			  "month)"},
    [MSG_IMP_SEMICOLONS] =
	{"tệp phân cách cột bằng dấu chấm phẩy (;), không phải dấu phẩy: " SAVE_AS_VI
	 " (nếu Excel vẫn ghi dấu chấm phẩy, đặt List separator "
	 "trong cài đặt Region của Windows là dấu phẩy)",
	 "the file separates columns with semicolons (;), not commas: " SAVE_AS_EN
	 " (if Excel still writes semicolons, set the list separator "
	 "in the Windows Region settings to a comma)"},
    [MSG_IMP_TABS] = {"tệp phân cách cột bằng dấu tab, không phải dấu phẩy: " SAVE_AS_VI,
		      "the file separates columns with tabs, not commas: " SAVE_AS_EN},
    [MSG_IMP_UTF16BE] = {"tệp mã hoá UTF-16 BE, không phải UTF-8: " SAVE_AS_VI,
			 "the file is UTF-16 BE text, not UTF-8: " SAVE_AS_EN},
    [MSG_IMP_UTF16LE] =
	{"tệp mã hoá UTF-16 LE (như \"Unicode Text\" của Excel), không phải "
	 "UTF-8: " SAVE_AS_VI,
	 "the file is UTF-16 LE text (like Excel's \"Unicode Text\"), not UTF-8: " SAVE_AS_EN},
    [MSG_IMP_NCOLUMNS] = {"{1} cột", "{1} columns"},
    [MSG_IMP_MISSING_COLUMNS] = {"thiếu cột", "missing column(s)"},
    [MSG_IMP_UNKNOWN_COLUMNS] = {"cột không xác định", "unknown column(s)"},
    [MSG_IMP_REPEATED_COLUMNS] = {"cột lặp lại", "repeated column(s)"},
    [MSG_IMP_ROW_TOO_LONG] = {"dòng quá dài", "row is longer than {1} bytes"},
    [MSG_IMP_FIELD_COUNT] = {"dòng có {1} cột, tiêu đề có {2}",
			     "row has {1} fields, the header has {2}"},
    [MSG_IMP_NOT_UTF8] = {"không phải văn bản UTF-8 hợp lệ",
			  "not valid UTF-8 text (save the file as CSV UTF-8)"},
    [MSG_IMP_FIELD_TOO_LONG] = {"ô dài quá {1} byte", "a field is longer than {1} bytes"},
    [MSG_IMP_UNTERMINATED] = {"thiếu dấu nháy đóng", "unterminated quoted field"},
    [MSG_IMP_BAD_QUOTING] = {"dấu nháy kép sai quy cách CSV",
			     "malformed CSV quoting (a '\"' inside an unquoted field, or text "
			     "after a closing quote)"},
    [MSG_IMP_READ_ERROR] = {"lỗi đọc tệp", "read error"},
    [MSG_IMP_EMPTY_FILE] = {"tệp trống, thiếu dòng tiêu đề",
			    "empty file: the header row is missing"},
    [MSG_COPY_VERSIONS] = {"nguồn có lược đồ phiên bản {1}, đích {2}",
			   "the source has schema version {1}, the target {2}; run sxsh init on "
			   "the older one first"},
    [MSG_COPY_DIFFERS] = {"bản sao khác nguồn", "the copy differs from the source"},
    [MSG_COPY_NOT_EMPTY] = {"cơ sở dữ liệu đích có dữ liệu (bảng {1}: {2} dòng); dùng --replace "
			    "để thay",
			    "the target is not empty (table {1}: {2} rows); use --replace to "
			    "overwrite it"},
    [MSG_DEMO_UNIT_MISSING] = {"thiếu đơn vị hành chính '{1}' trong dữ liệu tham chiếu",
			       "admin unit '{1}' missing from the reference data"},
    [MSG_DEMO_PRODUCT_MISSING] = {"thiếu sản phẩm '{1}' trong dữ liệu tham chiếu",
				  "product '{1}' missing from the reference data"},
    [MSG_DEMO_CANNOT_DELETE] = {"không xoá được dữ liệu cũ", "cannot delete the old data"},
    [MSG_DEMO_COUNT] = {"số cơ sở phải từ 1 đến {1}", "facilities must be 1 to {1}"},
    [MSG_DEMO_EXISTS] = {"cơ sở dữ liệu đã có {1} cơ sở; dùng --replace để thay thế",
			 "the database already has {1} facilities; use --replace to replace them"},
    [MSG_DEMO_NO_FACILITY] = {"không có cơ sở ngành {1} có báo cáo sản phẩm {2}; hãy tạo tỉnh "
			      "mẫu lớn hơn",
			      "no facility of sector {1} reports product {2}; generate a larger "
			      "demo province"},

    /* ---- analytics ---- */
    [MSG_SEC_NO_LINES] = {"không tính được: báo cáo chưa kê năng lượng",
			  "not computable: the report lists no energy"},
    [MSG_SEC_NO_ENERGY] = {"không tính được: không có dòng năng lượng nào cho sản phẩm này",
			   "not computable: no energy line is attributed to this product"},
    [MSG_SEC_NO_OUTPUT] = {"không tính được: sản phẩm không có sản lượng",
			   "not computable: the product has no output"},
    [MSG_SEC_FACTOR] = {"không tính được: thiếu nhiệt trị của một loại năng lượng",
			"not computable: an energy carrier lacks its heating value"},
    [MSG_SEC_OUTPUT_UNIT] = {"không tính được: đơn vị sản lượng không quy đổi được",
			     "not computable: the output's unit does not convert"},
    [MSG_ENERGY_MISSING] = {"chưa kê năng lượng", "no energy reported"},

    /* ---- command line (src/cli/) ---- */
    [MSG_CLI_CMD_INIT] = {"Tạo hoặc nâng cấp cơ sở dữ liệu và nạp dữ liệu tham chiếu",
			  "Create or upgrade the database and load the reference data"},
    [MSG_CLI_CMD_DEMO] = {"Tạo tỉnh mẫu (dữ liệu tổng hợp, có tính tất định)",
			  "Create a deterministic synthetic demo province"},
    [MSG_CLI_CMD_SERVE] = {"Chạy máy chủ web", "Serve the web pages and API"},
    [MSG_CLI_CMD_IMPORT] = {"Nhập cơ sở hoặc báo cáo từ tệp CSV",
			    "Import facilities or reports from CSV"},
    [MSG_CLI_CMD_EXPORT] = {"Xuất cơ sở hoặc báo cáo ra CSV hoặc Excel",
			    "Export facilities or reports as CSV or Excel"},
    [MSG_CLI_CMD_STATS] = {"Thống kê số dòng và các chỉ tiêu của kế hoạch",
			   "Rows per table and the plan's indicator shares per year"},
    [MSG_CLI_CMD_KPI] = {"Các chỉ tiêu của kế hoạch trong một năm, theo nhóm",
			 "The plan's indicators for one year, by group"},
    [MSG_CLI_CMD_FACILITY] = {"Chuyển đơn vị hành chính của cơ sở; xem lịch sử",
			      "Move a facility to another administrative unit; show its history"},
    [MSG_CLI_CMD_USER] = {"Quản lý tài khoản người dùng (mật khẩu đọc từ stdin hoặc tự tạo)",
			  "Manage user accounts (password from stdin, or generated)"},
    [MSG_CLI_CMD_KEYUSERS] = {"Danh sách cơ sở sử dụng năng lượng trọng điểm của một năm",
			      "The key energy users of a year (>= 1,000 TOE)"},
    [MSG_CLI_CMD_CHECK] = {"Kiểm tra chất lượng dữ liệu báo cáo",
			   "Data-quality checks of the reports"},
    [MSG_CLI_CMD_COPY] = {"Sao chép toàn bộ cơ sở dữ liệu giữa SQLite và PostgreSQL",
			  "Copy a whole database between SQLite and PostgreSQL"},
    [MSG_CLI_CMD_BACKUP] = {"Sao lưu cơ sở dữ liệu SQLite khi đang chạy",
			    "Back up a running SQLite database"},
    [MSG_CLI_CMD_OPTIONS] =
	{"Các giải pháp SXSH của mọi đánh giá: tổng tiết kiệm, hoàn vốn theo "
	 "ngành và loại",
	 "CP options across assessments: total savings, payback by sector and kind"},
    [MSG_CLI_SXSH] = {"hệ thống thông tin sản xuất sạch hơn",
		      "cleaner-production information system"},
    [MSG_CLI_USAGE] = {"Cách dùng", "Usage"},
    [MSG_CLI_FOR_DETAILS] = {"cho chi tiết", "for details."},
    [MSG_CLI_OPT_DB] = {"cơ sở dữ liệu",
			"database (SQLite path; default var/sxsh.db, or $SXSH_DB)"},
    [MSG_CLI_OPT_HELP] = {"hướng dẫn này", "this help"},
    [MSG_CLI_UNKNOWN_COMMAND] = {"không có lệnh '{1}'", "unknown command '{1}'"},
    [MSG_CLI_DB_NEEDS_URL] = {"cần một URL", "needs a URL"},
    [MSG_CLI_INVALID_ARG] = {"tham số không hợp lệ", "invalid argument"},
    [MSG_CLI_UNEXPECTED_ARG] = {"đối số không hợp lệ", "unexpected argument '{1}'"},
    [MSG_CLI_EXTRA_ARG] = {"đối số thừa", "unexpected argument '{1}'"},
    [MSG_CLI_UNKNOWN_OPTION] = {"tùy chọn không xác định", "unknown option"},
    [MSG_CLI_UNKNOWN_OPTION_ARG] = {"tuỳ chọn không hợp lệ", "unknown option '{1}'"},
    [MSG_CLI_OPT_NEEDS_VALUE] = {"tùy chọn cần một giá trị", "option needs a value"},
    [MSG_CLI_OPT_NEEDS_NUMBER] = {"cần một số", "needs a number"},
    [MSG_CLI_OPT_INT_RANGE] = {"'{1}' phải là số nguyên từ {2} đến {3}",
			       "must be an integer from {2} to {3}"},
    [MSG_CLI_TOO_MANY_ARGS] = {"thừa tham số", "too many arguments"},
    [MSG_CLI_MISSING] = {"thiếu", "missing"},
    [MSG_CLI_BAD_YEAR] = {"năm không hợp lệ", "invalid year"},
    [MSG_CLI_YEAR_REQUIRED] = {"thiếu --year", "--year is required"},
    [MSG_CLI_FORMAT_CHOICE] = {"{1} hoặc {2}", "{1} or {2}"},
    [MSG_CLI_XLSX_NEEDS_O] = {"--format xlsx cần -o FILE", "--format xlsx needs -o FILE"},
    [MSG_CLI_XLSX_O_ONLY] = {"--format xlsx cần -o FILE, và -o chỉ dùng với xlsx",
			     "--format xlsx needs -o FILE, and -o applies to xlsx only"},
    [MSG_CLI_NEEDS_KIND] = {"cần loại dữ liệu", "needs a kind"},
    [MSG_CLI_NEEDS_KIND_FILE] = {"cần loại dữ liệu và tệp", "needs a kind and a FILE.csv"},
    [MSG_CLI_KIND] = {"loại phải là facilities hoặc reports", "kind must be facilities or reports"},
    [MSG_CLI_OPTION_NOT_FOR_KIND] = {"tùy chọn không dùng với loại này",
				     "option does not apply to this kind"},
    [MSG_CLI_YEAR_REPORTS_ONLY] = {"--year chỉ dùng với reports", "--year applies to reports only"},
    [MSG_CLI_UNKNOWN_SUBCOMMAND] = {"lệnh con không hợp lệ", "unknown subcommand"},
    [MSG_CLI_CANNOT_OPEN_DB] = {"không mở được cơ sở dữ liệu", "cannot open database"},
    [MSG_CLI_DB_MISSING] = {"không mở được cơ sở dữ liệu {1} ({2}); tạo mới bằng `sxsh init` hoặc "
			    "`sxsh demo`",
			    "cannot open database {1} ({2}); create one with `sxsh init` or `sxsh "
			    "demo`"},
    [MSG_CLI_DB_DAMAGED] =
	{"tệp cơ sở dữ liệu {1} bị hỏng ({2}); khôi phục từ bản sao lưu (sxsh "
	 "backup)",
	 "the database file {1} is damaged ({2}); restore it from a backup (sxsh "
	 "backup)"},
    [MSG_CLI_DB_EMPTY] = {"cơ sở dữ liệu {1} trống; tạo bằng `sxsh init` hoặc `sxsh demo`",
			  "the database {1} is empty; set it up with `sxsh init` or `sxsh demo`"},
    [MSG_CLI_INIT_CANNOT_OPEN] = {"không mở được cơ sở dữ liệu", "cannot open database {1}"},
    [MSG_CLI_CANNOT_MKDIR] = {"không tạo được thư mục", "cannot create the directory"},
    [MSG_CLI_REFDATA] = {"dữ liệu tham chiếu", "reference data"},
    [MSG_CLI_SCHEMA_VERSION] = {"phiên bản lược đồ", "schema version"},
    [MSG_CLI_NEWLY_APPLIED] = {"mới áp dụng", "newly applied"},
    [MSG_CLI_REFDATA_LOADED] = {"Dữ liệu tham chiếu đã nạp", "reference data loaded"},
    [MSG_CLI_CANNOT_WRITE] = {"không ghi được", "cannot write"},
    [MSG_CLI_FILE_EXISTS] = {"tệp đã có", "the file exists already"},
    [MSG_CLI_BACKUP_ONE_FILE] = {"cần đúng một tệp đích", "exactly one target FILE"},
    [MSG_CLI_BACKED_UP] = {"Đã sao lưu", "backed up"},
    [MSG_CLI_PG_BACKUP] = {"PostgreSQL: dùng pg_dump để sao lưu",
			   "use pg_dump to back up (pg_dump -Fc -f FILE URL; see docs/deploy.md)"},
    [MSG_CLI_COPY_FROM_TO] = {"cần --from và --to", "--from and --to are required"},
    [MSG_CLI_COPY_SAME] = {"nguồn và đích trùng nhau", "source and target are the same"},
    [MSG_CLI_COPIED] = {"Đã sao chép", "copied"},
    [MSG_CLI_TABLES] = {"bảng", "tables"},
    [MSG_CLI_ROWS] = {"dòng", "rows"},
    [MSG_CLI_FINDINGS] = {"phát hiện", "findings"},
    [MSG_CLI_IMPORT_ERRORS] = {"{1} lỗi; không ghi gì vào cơ sở dữ liệu",
			       "{1} error(s); nothing was written"},
    [MSG_CLI_IMPORT_DRY_RUN] = {"{1} dòng hợp lệ, chưa ghi (--dry-run)",
				"{1} rows OK (dry run: nothing written)"},
    [MSG_CLI_IMPORT_FACILITIES] = {"Đã đọc {1} dòng: thêm {2} cơ sở, cập nhật {3}",
				   "Read {1} rows: {2} facilities inserted, {3} updated"},
    [MSG_CLI_IMPORT_REPORTS] = {"Đã đọc {1} dòng: thêm {2} báo cáo, thay {3}, ghi {4} dòng chi "
				"tiết",
				"Read {1} rows: {2} reports inserted, {3} replaced, {4} lines "
				"written"},
    [MSG_CLI_DEMO_CREATED] = {"Đã tạo tỉnh mẫu (seed {1}): {2} cơ sở, {3} báo cáo năm {4}.",
			      "Demo province created (seed {1}): {2} facilities, {3} reports for "
			      "{4}."},
    [MSG_CLI_DEMO_ACCOUNTS] = {"Tài khoản mẫu", "Demo accounts"},
    [MSG_CLI_ROLE] = {"vai trò", "role"},
    [MSG_CLI_PASSWORD] = {"mật khẩu", "password"},
    [MSG_CLI_SCOPE] = {"phạm vi", "scope"},
    [MSG_CLI_EXISTS] = {"đã có", "exists"},
    [MSG_CLI_PASSWORDS_ONCE] = {"Mật khẩu chỉ hiện một lần, không lưu ở dạng rõ",
				"The passwords are shown once and stored only as hashes."},
    [MSG_CLI_FAC_MISSING_SUB] = {"thiếu lệnh con và mã cơ sở", "missing subcommand and code"},
    [MSG_CLI_FAC_UNIT_FROM] = {"cần --unit và --from", "--unit and --from are required"},
    [MSG_CLI_FAC_MOVE_HELP] = {"cơ sở CODE thuộc đơn vị UNIT từ ngày",
			       "facility CODE belongs to unit UNIT from the date"},
    [MSG_CLI_FAC_HISTORY_HELP] = {"lịch sử đơn vị hành chính", "administrative unit history"},
    [MSG_CLI_FACILITY] = {"Cơ sở", "Facility"},
    [MSG_CLI_FAC_NO_HISTORY] = {"chưa có lịch sử: luôn ở đơn vị hiện tại",
				"no history: always in its current unit"},
    [MSG_CLI_SERVE_NUMBER] = {"{1} cần một số nguyên từ {2} đến {3}",
			      "expects a whole number from {2} to {3}: '{4}'"},
    [MSG_CLI_SERVE_LISTEN] = {"--listen cần dạng ĐỊA_CHỈ:CỔNG (IPv4), ví dụ 127.0.0.1:8080",
			      "expects ADDR:PORT (IPv4), e.g. 127.0.0.1:8080: '{1}'"},
    [MSG_CLI_SERVE_PROXY] = {"--trusted-proxy cần địa chỉ IPv4 hoặc none",
			     "expects an IPv4 address or none: '{1}'"},
    [MSG_CLI_SERVING] = {"đang phục vụ", "serving at"},
    [MSG_CLI_STOPPING] = {"dừng", "stopping"},
    [MSG_CLI_USER_STDIN] = {"không đọc được mật khẩu từ stdin",
			    "cannot read the password from stdin"},
    [MSG_CLI_USER_CREATED] = {"tạo tài khoản", "created account"},
    [MSG_CLI_SHOWN_ONCE] = {"chỉ hiện một lần", "shown once"},
    [MSG_CLI_USER_RESET] = {"đã đổi mật khẩu, kết thúc các phiên đăng nhập và thu hồi mã truy cập "
			    "API",
			    "password changed, sessions ended and API tokens revoked"},
    [MSG_CLI_ENABLED] = {"mở khóa", "enabled"},
    [MSG_CLI_DISABLED] = {"đã khóa", "disabled"},
    [MSG_CLI_NO_DEFAULT_PLAN] = {"không có kế hoạch mặc định",
				 "no default plan (data/plans.csv is_default)"},
    [MSG_CLI_PLAN] = {"Kế hoạch", "Plan"},
    [MSG_CLI_PLAN_LC] = {"kế hoạch", "plan"},
    [MSG_CLI_YEAR] = {"năm", "year"},
    [MSG_CLI_DEFAULT_PLAN] = {"mặc định: kế hoạch mặc định của dữ liệu",
			      "default: the data's default plan"},
    [MSG_CLI_ROWS_PER_TABLE] = {"Số dòng theo bảng", "Rows per table"},
    [MSG_CLI_CANNOT_COUNT] = {"không đếm được", "cannot count"},
    [MSG_CLI_NOT_COUNTED] = {"chưa đếm", "not counted"},
    [MSG_CLI_INDICATORS_PER_YEAR] = {"chỉ tiêu theo năm", "indicators per year"},
    [MSG_CLI_EACH_CELL] = {"Mỗi ô", "each cell"},
    [MSG_CLI_EACH_CELL_LC] = {"mỗi ô", "each cell"},
    [MSG_CLI_CELL_LEGEND] = {"tỷ lệ (có/đã biết), độ phủ", "share (yes/known), coverage"},
    [MSG_CLI_KPI_LEGEND] = {"Trên tổng số = có / đang hoạt động (so với mục tiêu); trong số đã "
			    "biết = có / đã biết; độ phủ = đã biết / đang hoạt động",
			    "of all = yes / active (compared with the target); of known = yes / "
			    "known; coverage = known / active"},
    [MSG_CLI_MIN_SAVING] = {"Tiết kiệm tối thiểu trên đơn vị sản phẩm",
			    "minimum saving per unit of product"},
    [MSG_CLI_BASELINE_FROM] = {"năm gốc từ", "baseline from"},
    [MSG_CLI_SAVING_NOT_COMPUTABLE] = {"chưa tính được tiết kiệm", "saving not computable"},
    [MSG_CLI_NOT_COMPUTABLE_YEARS] = {"Năm-cơ sở áp dụng SXSH chưa tính được tiết kiệm (thiếu năng "
				      "lượng, sản lượng, hệ số hoặc năm gốc)",
				      "applying facility-years whose saving could not be computed "
				      "(missing energy, output, factor or baseline)"},
    [MSG_CLI_NO_REPORTS] = {"Chưa có báo cáo", "no reports yet"},
    [MSG_CLI_BY] = {"Theo", "By"},
    [MSG_CLI_KPI_YEAR_RANGE] = {"năm từ 1990 đến 2100", "a year from 1990 to 2100:"},
    [MSG_CLI_KPI_INVALID] = {"không hợp lệ", "invalid:"},
    [MSG_CLI_KPI_YEAR_REQUIRED] = {"thiếu --year", "--year is required:"},
    [MSG_CLI_KPI_XLSX_O] = {"--format xlsx cần -o FILE, -o chỉ dùng với xlsx",
			    "--format xlsx needs -o FILE, -o applies to xlsx only:"},
    [MSG_CLI_REQUIRED] = {"bắt buộc", "required"},
    [MSG_CLI_EVERY_YEAR] = {"mọi năm có báo cáo", "every year with reports"},
    [MSG_CLI_KPI_BY_HELP] = {"đơn vị hành chính, ngành (cấp 2), ngành (mã của cơ sở), loại hình, "
			     "quy mô",
			     "administrative unit, VSIC division, VSIC class, ownership, size"},
    [MSG_CLI_ALL_FIVE] = {"cả năm", "all five"},
    [MSG_CLI_DEFAULT] = {"mặc định", "default"},
    [MSG_CLI_XLSX_FILE] = {"tệp .xlsx (bắt buộc với xlsx)", "the .xlsx file (required with xlsx)"},
    [MSG_CLI_TIME_HELP] = {"in thời gian tính ra stderr", "print the computing time to stderr"},
    [MSG_KU_TITLE] = {"Cơ sở sử dụng năng lượng trọng điểm năm {1}", "Key energy users {1}"},
    [MSG_CLI_THRESHOLD] = {"Ngưỡng", "threshold"},
    [MSG_CLI_KU_DERIVED_NOTE] = {"* chỉ đạt ngưỡng nhờ hệ số TOE suy ra, không phải hệ số pháp lý",
				 "reaches the threshold only through a derived, not a legal, TOE "
				 "factor"},
    [MSG_CLI_KU_CANNOT] = {"Không tính được (thiếu hệ số hoặc đơn vị)",
			   "Cannot compute (a factor or unit is missing): {1}"},
    [MSG_CLI_FACILITIES] = {"cơ sở", "facilities"},
    [MSG_CLI_KU_INCOMPLETE] = {"đã vượt ngưỡng dù thiếu một phần",
			       "listed though part cannot be computed"},
    [MSG_CLI_KU_CANNOT_COMPUTE] = {"không tính được", "cannot compute"},
    [MSG_SHEET_CANNOT_ADD] = {"không tạo được trang", "cannot add the sheet"},
    [MSG_SHEET_TOO_MANY_ROWS] = {"quá {1} dòng cho một trang Excel, hãy chọn --year",
				 "more than {1} rows for one Excel sheet, choose --year"},
    [MSG_HTTP_CANNOT_START_THREADS] = {"không khởi động được luồng", "cannot start threads"},
    [MSG_HTTP_CANNOT_LISTEN] = {"không lắng nghe được", "cannot listen on"},
    [MSG_HTTP_UNAUTHORIZED] = {"Cần đăng nhập hoặc mã truy cập API hợp lệ",
			       "Sign-in or a valid API token is required"},

    /* ---- plausibility ---- */
    [MSG_PL_HARD_YEAR] =
	{"{L} của {1} là {2} {4}, vượt giới hạn {3} {4} một năm mà một cơ sở có thể "
	 "có: hãy kiểm tra lại số và đơn vị",
	 "{L} of {1} is {2} {4}, above {3} {4}, the most a single facility could "
	 "report in a year: check the number and its unit"},
    [MSG_PL_HARD_MONTH] =
	{"{L} của {1} là {2} {4}, vượt giới hạn {3} {4} một tháng (một phần "
	 "mười hai giới hạn năm) mà một cơ sở có thể có: hãy kiểm tra lại số và "
	 "đơn vị",
	 "{L} of {1} is {2} {4}, above {3} {4}, the most a single facility could "
	 "report in a month (a twelfth of the yearly limit): check the number and "
	 "its unit"},
    [MSG_PL_PER_EMPLOYEE] =
	{"Tổng năng lượng {1} TOE cho {2} lao động là {3} TOE mỗi người, trên "
	 "ngưỡng {4} TOE mỗi người: hãy kiểm tra đơn vị của các dòng năng lượng "
	 "và số lao động",
	 "Total energy {1} TOE for {2} employees is {3} TOE per employee, above "
	 "{4}: check the units of the energy lines and the number of employees"},
    [MSG_PL_SEC_NORM] = {"Sản lượng {1}: suất tiêu hao {2} {3} bằng {4} % định mức, quá xa định "
			 "mức: hãy kiểm tra đơn vị của sản lượng và năng lượng",
			 "Output {1}: SEC {2} {3} is {4}% of the norm, too far from it: check the "
			 "units of output and energy"},
    [MSG_PL_PEERS_HIGH] =
	{"Sản lượng {1}: suất tiêu hao {2} {3} cao hơn giới hạn trên {4} {3} của "
	 "các cơ sở cùng sản phẩm",
	 "Output {1}: SEC {2} {3} is above {4} {3}, the upper fence of its peers"},
    [MSG_PL_PEERS_LOW] = {"Sản lượng {1}: suất tiêu hao {2} {3} thấp hơn giới hạn dưới {4} {3} của "
			  "các cơ sở cùng sản phẩm",
			  "Output {1}: SEC {2} {3} is below {4} {3}, the lower fence of its peers"},
    [MSG_PL_JUMP] = {"Tổng năng lượng thay đổi {1} % so với năm {2} ({3} → {4} TOE)",
		     "Total energy changed by {1}% from {2} ({3} → {4} TOE)"},

    /* ---- indicators ---- */
    [MSG_KPI_SHARE_ALL] = {"Tỷ lệ trên tổng số cơ sở đang hoạt động (cận dưới)",
			   "Share of all active facilities (lower bound)"},
    [MSG_KPI_SHARE_KNOWN] = {"Tỷ lệ trong số cơ sở đã biết câu trả lời",
			     "Share of facilities whose answer is known"},
    [MSG_KPI_COVERAGE] = {"Độ phủ (đã biết / đang hoạt động)", "Coverage (known / active)"},
    [MSG_KPI_COMPARED] = {"Mục tiêu được so với tỷ lệ trên tổng số cơ sở đang hoạt động: cơ sở "
			  "chưa báo cáo được tính là chưa đạt, nên đây là cận dưới. Tỷ lệ trong "
			  "số đã biết là ước lượng, chỉ đọc cùng độ phủ.",
			  "The target is compared with the share of all active facilities: a "
			  "facility whose answer is unknown counts as not meeting it, so this "
			  "share is a lower bound. The share of known answers is an estimate, "
			  "to be read with its coverage."},
    [MSG_KPI_TARGET] = {"Mục tiêu", "Target"},
    [MSG_KPI_TARGET_OF_YEAR] = {"{1} ({2}–{3})", "{1} ({2}–{3})"},
    [MSG_KPI_NO_TARGET] = {"Kế hoạch {1} không đặt mục tiêu cho năm {2}",
			   "Plan {1} sets no target for {2}"},
    [MSG_KPI_NO_TARGET_CELL] = {"không đặt", "none set"},
    [MSG_KPI_LOAD_TARGETS] = {"Quản trị viên có thể nạp mục tiêu của một kế hoạch "
			      "(data/plan_targets.csv, lệnh sxsh init).",
			      "An administrator can load a plan's targets "
			      "(data/plan_targets.csv, command sxsh init)."},
    [MSG_KPI_MET] = {"đạt", "met"},
    [MSG_KPI_NOT_MET] = {"chưa đạt", "not met"},
    [MSG_KPI_CELL_LEGEND] = {"tỷ lệ trên tổng số (có/đang hoạt động) | tỷ lệ trong số đã biết "
			     "(có/đã biết) | độ phủ",
			     "share of all (yes/active) | share of known (yes/known) | coverage"},
    [MSG_KPI_SAVING_RULE] = {"Tiết kiệm: năng lượng (bắt buộc) và từng nguyên vật liệu, nước có "
			     "trong cả năm gốc và năm báo cáo, tính trên đơn vị sản phẩm chính, "
			     "đều giảm ít nhất {1} %",
			     "Saving: energy (required) and each material and water reported in "
			     "both the baseline and the year, per unit of the main product, all "
			     "down by at least {1}%"},
    [MSG_KPI_COL_ALL] = {"Trên tổng số (so với mục tiêu)", "Of all (vs target)"},
    [MSG_KPI_COL_KNOWN] = {"Trong số đã biết", "Of known"},
    [MSG_KPI_COL_COVERAGE] = {"Độ phủ", "Coverage"},

    /* ---- accounts ---- */
    [MSG_USER_EMAIL] = {"email không hợp lệ", "invalid email address"},
    [MSG_USER_ROLE] = {"Vai trò: hãy chọn một vai trò trong danh sách",
		       "Role: choose one of the roles listed"},
    [MSG_USER_UNIT_NEEDED] = {"Đơn vị hành chính: tài khoản cán bộ huyện cần một đơn vị",
			      "Administrative unit: a district account needs one"},
    [MSG_USER_UNIT_UNKNOWN] = {"Đơn vị hành chính: không có đơn vị cấp huyện/xã này",
			       "Administrative unit: no such district or commune unit"},
    [MSG_USER_UNIT_EXTRA] = {"Đơn vị hành chính: chỉ tài khoản cán bộ huyện mới gắn với đơn vị",
			     "Administrative unit: only district accounts have one"},
    [MSG_USER_FACILITY_NEEDED] = {"Cơ sở: tài khoản doanh nghiệp cần gắn với một cơ sở",
				  "Facility: an enterprise account needs a facility"},
    [MSG_USER_FACILITY_UNKNOWN] = {"Cơ sở: không tìm thấy cơ sở này", "Facility: no such facility"},
    [MSG_USER_FACILITY_EXTRA] = {"Cơ sở: chỉ tài khoản doanh nghiệp mới gắn với cơ sở",
				 "Facility: only enterprise accounts have one"},
    [MSG_USER_PASSWORD_SHORT] = {"mật khẩu phải có ít nhất {1} ký tự",
				 "the password must have at least {1} characters"},
    [MSG_USER_PASSWORD_LONG] = {"mật khẩu dài quá {1} byte",
				"the password is longer than {1} bytes"},
    [MSG_USER_PASSWORD_BAD] = {"mật khẩu chứa ký tự không hợp lệ",
			       "the password contains invalid characters"},
    [MSG_USER_EXISTS] = {"email này đã có tài khoản", "this email already has an account"},
    [MSG_USER_NOTFOUND] = {"không tìm thấy tài khoản", "no such account"},
    [MSG_USER_INTERNAL] = {"lỗi nội bộ, xem nhật ký máy chủ", "internal error, see the server log"},
    [MSG_LOGIN_DENIED] = {"Email hoặc mật khẩu không đúng.",
			  "The email or password is not correct."},
    [MSG_LOGIN_THROTTLED] = {"Quá nhiều lần đăng nhập sai, thử lại sau {1} phút.",
			     "Too many failed sign-ins; try again in {1} minutes."},
    [MSG_LOGIN_CURRENT_WRONG] = {"Mật khẩu hiện tại không đúng.",
				 "The current password is not correct."},
    [MSG_LOGIN_MISMATCH] = {"Hai lần nhập mật khẩu mới không khớp.",
			    "The two new passwords differ."},
    [MSG_APITOKEN_NAME] = {"Tên mã phải có từ 1 đến {1} byte.",
			   "A token's name must have 1 to {1} bytes."},
    /* ---- enterprise home and deadlines (my.c) ---- */
    [MSG_HOME_DATE_BAD] = {"{L} phải là một ngày dạng ngày/tháng/năm, ví dụ 15/01/2026",
			   "{L} must be a date written day/month/year, e.g. 15/01/2026, got "
			   "'{1}'"},
    [MSG_HOME_ST_NONE] = {"Chưa nộp", "Not filed"},
    [MSG_HOME_ST_DRAFT] = {"Bản nháp, chưa nộp", "Draft, not sent"},
    [MSG_HOME_ST_SUBMITTED] = {"Đã nộp, chờ xem xét", "Sent, awaiting review"},
    [MSG_HOME_ST_FORWARDED] = {"Đã nộp, huyện đã chuyển lên Sở xem xét",
			       "Sent, passed on by the district to the province"},
    [MSG_HOME_ST_RETURNED] = {"Bị trả lại — cần sửa", "Returned — needs changes"},
    [MSG_HOME_ST_ACCEPTED] = {"Đã chấp nhận", "Accepted"},
    [MSG_HOME_OVERDUE] = {"Quá hạn (hạn nộp {1})", "Overdue (due {1})"},
    [MSG_HOME_DUE] = {"Hạn nộp {1}", "Due {1}"},
    [MSG_HOME_ACT_REPORT_NEW] = {"Lập báo cáo năm {1}", "Prepare the {1} report"},
    [MSG_HOME_ACT_REG_NEW] = {"Lập đăng ký năm {1}", "Prepare the {1} registration"},
    [MSG_HOME_ACT_CONTINUE] = {"Hoàn thành và nộp", "Finish and send"},
    [MSG_HOME_ACT_FIX] = {"Sửa và nộp lại", "Correct and send again"},
    [MSG_HOME_ACT_REPORT_VIEW] = {"Xem báo cáo", "View the report"},
    [MSG_HOME_ACT_REG_VIEW] = {"Xem đăng ký", "View the registration"},
    [MSG_HOME_NOTE_BY] = {"Ý kiến của {1}, lúc {2}:", "Note from {1}, {2}:"},
    [MSG_HOME_NOTICE_REP_RET] = {"Báo cáo năm {1} của {2} đã bị trả lại ngày {3}: cần sửa và "
				 "nộp lại.",
				 "The {1} report of {2} was returned on {3}: correct it and send "
				 "it again."},
    [MSG_HOME_NOTICE_REP_ACC] = {"Báo cáo năm {1} của {2} đã được chấp nhận ngày {3}.",
				 "The {1} report of {2} was accepted on {3}."},
    [MSG_HOME_NOTICE_REG_RET] = {"Đăng ký năm {1} của {2} đã bị trả lại ngày {3}: cần sửa và "
				 "nộp lại.",
				 "The {1} registration of {2} was returned on {3}: correct it and "
				 "send it again."},
    [MSG_HOME_NOTICE_REG_ACC] = {"Đăng ký năm {1} của {2} đã được chấp nhận ngày {3}.",
				 "The {1} registration of {2} was accepted on {3}."},
    [MSG_HOME_DEADLINE_SAVED] = {"Đã lưu hạn nộp của năm {1}.", "The {1} deadlines are saved."},
    [MSG_HOME_DEADLINE_CONFLICT] = {"Hạn nộp của năm {1} vừa được người khác thay đổi: bảng "
				    "trên cho thấy giá trị hiện tại. Bấm Lưu lần nữa nếu vẫn "
				    "muốn dùng các ngày bạn đã nhập.",
				    "Someone else has just changed the {1} deadlines: the table "
				    "above shows the current values. Press Save again to keep "
				    "the dates you entered."},
    [MSG_CLI_CMD_DEADLINE] = {"Hạn nộp báo cáo và đăng ký theo năm kế hoạch: xem, đặt",
			      "Report and registration deadlines per plan year: list, set"},
    [MSG_HOME_CLI_LIST_HELP] = {"các năm từ FROM đến TO (mặc định: quanh năm báo cáo hiện tại)",
				"the years FROM to TO (default: around the current reporting "
				"year)"},
    [MSG_HOME_CLI_SET_HELP] = {"đặt hạn của một năm, ngày dạng dd/mm/yyyy; \"\" là mặc định",
			       "set a year's deadlines, dates as dd/mm/yyyy; \"\" is the default"},
    [MSG_HOME_CLI_YEAR] = {"Năm", "Year"},
    [MSG_HOME_CLI_REPORT] = {"Hạn báo cáo", "Report due"},
    [MSG_HOME_CLI_REGISTRATION] = {"Hạn đăng ký", "Registration due"},
    [MSG_HOME_CLI_DEFAULT] = {"mặc định", "default"},

    /* ---- attachments ---- */
    [MSG_ATTACH_EMPTY] = {"Chưa chọn tệp đính kèm, hoặc tệp rỗng.",
			  "No file was chosen to attach, or the file is empty."},
    [MSG_ATTACH_TOO_LARGE] = {"Tệp “{1}” lớn hơn {2} MB: mỗi tệp đính kèm tối đa {2} MB.",
			      "The file “{1}” is larger than {2} MB: each attachment may have at "
			      "most {2} MB."},
    [MSG_ATTACH_TYPE] = {"Tệp “{1}” không thuộc loại được nhận. Chỉ đính kèm được tệp PDF, "
			 "ảnh JPEG, ảnh PNG hoặc bảng tính Excel (XLSX).",
			 "The file “{1}” is not of an accepted type. Only PDF files, JPEG or PNG "
			 "images and Excel workbooks (XLSX) can be attached."},
    [MSG_ATTACH_TOO_MANY] = {"Mỗi hồ sơ đính kèm được tối đa {1} tệp. Hãy xoá bớt tệp cũ trước.",
			     "A document may have at most {1} attachments. Delete an old one "
			     "first."},
    [MSG_ATTACH_BODY_LIMIT] = {"Dữ liệu gửi lên quá lớn: mỗi tệp đính kèm tối đa {1} MB.",
			       "The upload is too large: each attachment may have at most {1} MB."},
    [MSG_ATTACH_BAD_FORM] = {"Không đọc được tệp gửi lên. Hãy chọn lại tệp và thử lại.",
			     "The uploaded file could not be read. Choose the file again and "
			     "retry."},
    [MSG_ATTACH_SAVE_FIRST] = {"Hãy lưu bản nháp trước, sau đó đính kèm tệp.",
			       "Save the draft first, then attach files."},

    /* ---- drafts and sign-in in place (autosave) ---- */
    [MSG_DRAFT_RESTORED] = {"Đã khôi phục nội dung bạn nhập lúc {1}, chưa được lưu.",
			    "Restored what you typed at {1}; it is not saved yet."},
    [MSG_DRAFT_CONFLICT] = {"Trong lúc bạn nhập, một phiên bản khác đã được lưu nên chưa lưu "
			    "được bản của bạn. Những gì bạn nhập vẫn còn trong biểu mẫu: so với "
			    "bản đã lưu bên dưới, sửa nếu cần rồi lưu lại.",
			    "Another version was saved while you were typing, so yours was not "
			    "saved. What you typed is still in the form: compare it with the saved "
			    "version below, correct it if needed and save again."},
    [MSG_DRAFT_SESSION_EXPIRED] =
	{"Phiên đăng nhập của bạn đã hết hạn nên biểu mẫu chưa được lưu. Những gì bạn "
	 "đã nhập vẫn được giữ lại: hãy đăng nhập, bạn sẽ quay lại biểu mẫu với đầy đủ "
	 "nội dung (chưa lưu) để kiểm tra và lưu.",
	 "Your session has expired, so the form was not saved. What you typed is kept: "
	 "sign in and you will return to the form with all of it (not saved yet) to check "
	 "and save."},
    /* form entry, warnings */
    [MSG_FORM_NOT_CHOICE] = {"{L} '{1}' không có trong danh sách; hãy chọn một trong: {2}.",
			     "{L} '{1}' is not one of the choices; choose one of: {2}."},
    [MSG_FORM_UNIT_CARRIER] = {"đơn vị '{1}' không dùng được cho '{2}'; hãy chọn: {3}.",
			       "the unit '{1}' cannot be used for '{2}'; choose: {3}."},
    [MSG_FORM_EXPLAIN_MISSING] = {"Hãy giải thích cảnh báo trước khi nộp: {1}",
				  "Explain this warning before submitting: {1}"},
    [MSG_FORM_ABOVE_NORM] =
	{"Sản lượng {1}: suất tiêu hao bằng {2} % định mức ({3}), vượt định mức",
	 "Output {1}: SEC is {2}% of the norm ({3}), above it"},
    [MSG_FORM_EXPLAIN_LONG] = {"Lời giải thích dài quá {1} byte.",
			       "The explanation is longer than {1} bytes."},
    /* ---- phones and print ---- */
    [MSG_DASH_AS_OF] = {"Số liệu tính đến {1}", "Figures as of {1}"},
    /* ---- admin and names for codes ---- */
    [MSG_USER_SELF] = {"Bạn không thể khóa tài khoản của chính mình hay đổi vai trò của mình",
		       "You cannot disable your own account or change your own role"},
    [MSG_USER_CONFLICT] = {"Tài khoản vừa được người khác thay đổi; hãy xem lại và lưu lần nữa",
			   "Someone else has just changed this account; check it and save again"},
    [MSG_ADMIN_FACILITY_NONE] = {"Cơ sở: không có cơ sở nào khớp với “{1}”",
				 "Facility: no facility matches “{1}”"},
    [MSG_ADMIN_FACILITY_MANY] = {"Cơ sở: có nhiều cơ sở khớp với “{1}”, hãy chọn một",
				 "Facility: several facilities match “{1}”; choose one"},
    [MSG_ADMIN_FACILITY_PICK] = {"Gõ tên (có dấu hoặc không), mã cơ sở hoặc mã số thuế",
				 "Type the name (with or without accents), the facility code or "
				 "the tax code"},
    [MSG_USER_ROLE_CODES] = {"vai trò phải là admin, province, district, enterprise hoặc expert",
			     "role must be admin, province, district, enterprise or expert"},
    [MSG_ADMIN_DATE] = {"{L}: hãy nhập ngày dạng ngày/tháng/năm, ví dụ 31/12/2025",
			"{L}: enter a date as day/month/year, e.g. 31/12/2025"},

    /* ---- CSV encodings ---- */
    [MSG_CSV_READ_AS] = {"đọc tệp: {1}, dấu phân cách '{2}'", "read as {1}, '{2}'-separated"},
    [MSG_CSV_SEP_UNDECIDED] =
	{"không xác định được dấu phân cách cột: dòng tiêu đề tách bằng dấu phẩy hay bằng "
	 "dấu chấm phẩy đều không ra đúng tên cột hơn",
	 "cannot tell the column separator: the header splits into the column names no "
	 "better by commas than by semicolons"},
    [MSG_CSV_UNDECODABLE] = {"tệp có byte không phải chữ trong bảng mã {1}; hãy lưu lại "
			     "dạng CSV UTF-8",
			     "the file has bytes that are not text in {1}; save it again as "
			     "CSV UTF-8"},
    [MSG_CSV_DECIMAL_COMMA] = {"{L}: tệp phân cách bằng dấu chấm phẩy viết số kiểu Việt "
			       "Nam, dấu phẩy thập phân, dấu chấm nhóm ba chữ số (12,5 hoặc "
			       "12.500)",
			       "{L}: a semicolon-separated file writes numbers in the Vietnamese "
			       "style, a decimal comma and dots between groups of three digits "
			       "(12,5 or 12.500)"},
    /* ---- workbook import ---- */
    [MSG_SR_OPEN] = {"không mở được tệp {1}", "cannot open the {1} file"},
    [MSG_SR_NOT_ZIP] = {"tệp không phải bảng tính {1} hoặc đã bị hỏng",
			"the file is not a {1} workbook or is damaged"},
    [MSG_SR_DAMAGED] = {"bảng tính bị hỏng (phần {1})", "the workbook is damaged (part {1})"},
    [MSG_SR_TOO_BIG] = {"bảng tính giải nén ra quá lớn, không đọc", "the workbook unpacks to too "
								    "much data; not read"},
    [MSG_SR_LIMITS] = {"bảng tính vượt giới hạn số dòng, cột, trang hoặc chuỗi ký tự",
		       "the workbook exceeds the limits on rows, columns, sheets or texts"},
    [MSG_SR_PASSWORD] = {"bảng tính có mật khẩu; hãy lưu lại không mật khẩu",
			 "the workbook is password-protected; save it again without a password"},

    /* ---- column mapping profiles ---- */
    [MSG_MAP_JSON] = {"hồ sơ ánh xạ cột không hợp lệ: {1}",
		      "the column-mapping profile is not valid: {1}"},
    [MSG_MAP_NO_SHEET] = {"tệp không có trang tính '{1}' mà hồ sơ chỉ định",
			  "the workbook has no sheet '{1}', which the profile names"},
    [MSG_MAP_HEADER_MISSING] = {"tệp không có cột '{1}' mà hồ sơ dùng",
				"the file has no column '{1}', which the profile uses"},
    [MSG_MAP_NO_MATCH] = {"giá trị '{1}' không có trong bảng chuyển đổi giá trị của hồ sơ",
			  "value '{1}' is not in the profile's value map"},
    [MSG_MAP_NOT_NUMBER] = {"'{1}' không phải là số viết theo cách của hồ sơ (như {2})",
			    "'{1}' is not a number written as the profile says (like {2})"},
    [MSG_MAP_NO_CONVERSION] =
	{"không đổi được {1} của {2} sang đơn vị sxsh lưu: không có nhiệt trị",
	 "cannot convert {1} of {2} into a unit sxsh stores: no heating value"},
    [MSG_MAP_NOT_FOUND] = {"không có hồ sơ ánh xạ cột '{1}'", "no column-mapping profile '{1}'"},
    [MSG_MAP_EXISTS] =
	{"đã có hồ sơ ánh xạ cột '{1}'; dùng --replace để thay",
	 "a column-mapping profile '{1}' exists already; use --replace to replace it"},
    [MSG_MAP_TARGET] = {"hồ sơ '{1}' dùng để nhập {2}, không phải {3}",
			"profile '{1}' imports {2}, not {3}"},
    [MSG_MAP_SUMMARY] = {"Đã đọc {1} dòng: nhập {2} dòng, bỏ ra {3} dòng lỗi (đã báo ở trên)",
			 "Read {1} rows: imported {2}, left out {3} bad rows (reported above)"},
    [MSG_MAP_SUMMARY_DRY] = {"Chạy thử: đọc {1} dòng, {2} dòng hợp lệ, {3} dòng lỗi; chưa ghi gì",
			     "Dry run: read {1} rows, {2} good, {3} bad; nothing written"},
    [MSG_MAP_LEFT_OUT] =
	{"Không nhập {1} giá trị theo hồ sơ và {2} chi phí không tính bằng đồng",
	 "Not imported: {1} values the profile leaves out and {2} costs not in VND"},
    [MSG_MAP_CONVERTED] =
	{"Đã đổi {1} số lượng sang đơn vị sxsh lưu qua nhiệt trị",
	 "Converted {1} quantities into units sxsh stores through heating values"},
    [MSG_MAP_SAVED] = {"Đã lưu hồ sơ '{1}', phiên bản {2}", "Saved profile '{1}', version {2}"},
    [MSG_MAP_DELETED] = {"Đã xóa hồ sơ '{1}'", "Deleted profile '{1}'"},
    [MSG_MAP_CONFLICT] = {"hồ sơ đã được người khác lưu sau khi bạn mở; hãy tải lại và sửa lại",
			  "someone saved the profile after you opened it; reload it and apply your "
			  "changes again"},
    [MSG_MAP_FAC_EXISTS] = {"cơ sở '{1}' đã có trong sxsh; nhập tệp không ghi đè lên cơ sở đã có",
			    "facility '{1}' is in sxsh already; an import does not overwrite it"},
    [MSG_MAP_REPORT_EXISTS] = {"báo cáo năm {1} của cơ sở này đã có trong sxsh; nhập tệp không "
			       "ghi đè lên báo cáo đã có",
			       "the facility's {1} report is in sxsh already; an import does not "
			       "overwrite it"},
    [MSG_MAP_OUT_OF_SCOPE] = {"'{1}' không thuộc đơn vị hành chính của bạn",
			      "'{1}' is outside your administrative unit"},
    [MSG_CLI_CMD_PROFILE] = {"Hồ sơ ánh xạ cột để nhập tệp khác mẫu: xem, xuất, nhập, xóa",
			     "Column-mapping profiles for importing foreign files: list, show, "
			     "export, import, delete"},
    [MSG_WBI_MISSING_KEY] = {"thiếu cột {1} ở hàng khoá (hàng 2, ẩn)",
			     "missing column {1} in the key row (row 2, hidden)"},
    [MSG_WBI_NO_CODE] = {"dòng có số liệu nhưng thiếu mã cơ sở",
			 "the row has data but no facility code"},
    [MSG_WBI_NOT_NUMBER] = {"\"{1}\" không phải là số (viết 12.500 hoặc 3,5)",
			    "\"{1}\" is not a number (write 12.500 or 3,5)"},
    [MSG_WBI_UNKNOWN_CHOICE] = {"\"{1}\" không có trong danh mục {L}",
				"\"{1}\" is not in the list of {L}"},
    [MSG_WBI_YES_NO] = {"\"{1}\": hãy ghi Có hoặc Không", "\"{1}\": write Có or Không"},
    [MSG_WBI_YES_NO_UNKNOWN] = {"\"{1}\": hãy ghi Có, Không hoặc Chưa rõ",
				"\"{1}\": write Có, Không or Chưa rõ"},
    [MSG_WBI_SUBMIT_VALUE] = {"\"{1}\": ghi Có để nộp, để trống để lưu nháp",
			      "\"{1}\": write Có to submit, leave empty to keep a draft"},
    [MSG_WBI_DUPLICATE] = {"cơ sở {1} đã có một dòng ở hàng {2} của trang này",
			   "facility {1} already has a row at row {2} of this sheet"},
    [MSG_WBI_MONTH_SUM] = {"lượng cả năm {1} khác tổng các tháng {2}; để trống hoặc sửa lại",
			   "the year's quantity {1} is not the sum of the months {2}; leave it "
			   "empty or correct it"},
    [MSG_WBI_NOTHING_TO_SUBMIT] = {"ghi Có để nộp nhưng cơ sở chưa có số liệu nào trong tệp",
				   "marked to submit but the file holds no data for the "
				   "facility"},
    [MSG_WBI_LAYOUT] = {"mẫu bảng tính phiên bản \"{1}\" không đọc được; hãy tải mẫu mới",
			"workbook layout version \"{1}\" is not known; download a new workbook"},
    [MSG_WBI_NO_YEAR] = {"không biết bảng tính là của năm nào: hãy chọn năm",
			 "the workbook does not say its year: choose the year"},
    [MSG_WBI_YEAR_DIFFERS] = {"bảng tính là của năm {1}, không phải năm đã chọn {2}",
			      "the workbook is for {1}, not for the year chosen, {2}"},
    [MSG_WBI_UNREADABLE] = {"không đọc được tệp: {1}", "the file cannot be read: {1}"},
    [MSG_WBI_NO_SHEETS] = {"tệp không có trang nào của mẫu sổ khảo sát (Cơ sở, Sản "
			   "phẩm, Năng lượng…)",
			   "the file has none of the survey workbook's sheets (Cơ sở, Sản "
			   "phẩm, Năng lượng…)"},
    [MSG_WBI_UNKNOWN_FACILITY] = {"không có cơ sở nào mã {1}", "no facility has the code {1}"},
    [MSG_WBI_OUT_OF_SCOPE] = {"cơ sở {1} không thuộc phạm vi bạn được nhập",
			      "facility {1} is outside what you may import"},
    [MSG_WBI_CHANGED] = {"số liệu đã thay đổi từ khi xem trước; hãy xem lại trước khi ghi",
			 "the data changed since the preview; review it again before saving"},
    [MSG_WBI_ACT_NEW] = {"tạo mới", "created"},
    [MSG_WBI_ACT_UPDATE] = {"cập nhật bản nháp", "draft updated"},
    [MSG_WBI_ACT_UNTOUCHED] = {"giữ nguyên", "left as it is"},
    [MSG_WBI_ACT_SUBMIT] = {"nộp", "submitted"},
    [MSG_WBI_CLI_FORMAT] = {"tệp phải là .xlsx, .xls hoặc .ods",
			    "the file must be .xlsx, .xls or .ods"},
    [MSG_WBI_CLI_DRY_RUN] = {"Xem trước, chưa ghi (--dry-run): {1} tạo mới, {2} cập nhật, {3} nộp, "
			     "{4} giữ nguyên",
			     "Preview, nothing written (--dry-run): {1} new, {2} updated, {3} "
			     "submitted, {4} left as they are"},
    [MSG_WBI_CLI_DONE] = {"Đã nhập: {1} tạo mới, {2} cập nhật, {3} nộp, {4} giữ nguyên",
			  "Imported: {1} new, {2} updated, {3} submitted, {4} left as they are"},
    [MSG_WBI_UPLOAD_NONE] = {"{L}: hãy chọn một tệp (không rỗng)",
			     "{L}: choose a file (not an empty one)"},
    [MSG_WBI_UPLOAD_TOO_LARGE] = {"{L}: tệp lớn hơn {1} MB", "{L}: the file is over {1} MB"},
    [MSG_WBI_UPLOAD_GONE] = {"tệp đã tải lên không còn (quá một giờ hoặc đã nhập); hãy tải lên "
			     "lại",
			     "the uploaded file is gone (over an hour old, or already imported); "
			     "upload it again"},
    [MSG_WBI_MORE_ERRORS] = {"và {1} lỗi nữa không liệt kê ra đây; hãy sửa các lỗi trên rồi tải "
			     "lên lại",
			     "and {1} more problems not listed here; correct those above and "
			     "upload again"},

    /* ---- survey campaigns ---- */
    [MSG_CAMP_DATE_BAD] = {"{L} phải là một ngày dạng ngày/tháng/năm, ví dụ 31/03/2026",
			   "{L} must be a date written day/month/year (31/03/2026) or "
			   "year-month-day (2026-03-31), got '{1}'"},
    [MSG_CAMP_EMPTY_SCOPE] = {"không có cơ sở đang hoạt động nào thuộc phạm vi đã chọn",
			      "no active facility matches the scope chosen"},
    [MSG_CAMP_TOO_MANY_UNITS] = {"chọn nhiều nhất {1} đơn vị hành chính",
				 "choose at most {1} administrative units"},
    [MSG_CAMP_NO_KEYUSERS] = {"chưa lập được danh sách cơ sở trọng điểm năm {1}",
			      "the key energy users of {1} cannot be listed"},
    [MSG_CAMP_OPENED] = {"Đã mở đợt khảo sát số {1} cho {2} cơ sở",
			 "Campaign {1} opened for {2} facilities"},
    [MSG_CAMP_TITLE_REPORT] = {"Khảo sát báo cáo năng lượng năm {1}",
			       "Survey of the energy reports on {1}"},
    [MSG_CAMP_TITLE_REGISTRATION] = {"Đăng ký áp dụng SXSH năm {1}",
				     "Cleaner production registrations for {1}"},
    [MSG_CAMP_TITLE_BOTH] = {"Khảo sát báo cáo năng lượng và đăng ký SXSH năm {1}",
			     "Survey of the energy reports and CP registrations of {1}"},
    [MSG_CAMP_NOT_FOUND] = {"không có đợt khảo sát số {1}", "no campaign {1}"},
    [MSG_CAMP_NOT_IN] = {"{1} không thuộc đợt khảo sát này", "{1} is not in this campaign"},
    [MSG_CAMP_ONE_TARGET] = {"cần đúng một trong hai: --unit hoặc --facility",
			     "give exactly one of --unit and --facility"},
    [MSG_CLI_CMD_CAMPAIGN] = {"đợt khảo sát: mở, liệt kê, sổ Excel, tiến độ",
			      "survey campaigns: open, list, workbooks, progress"},
    [MSG_CAMP_NONE] = {"Chưa có đợt khảo sát nào.", "No campaign yet."},
    [MSG_CAMP_CLOSED] = {"Đã đóng đợt khảo sát số {1}.", "Campaign {1} closed."},
    [MSG_CAMP_IS_CLOSED] = {"Đợt khảo sát số {1} đã đóng trước đó.",
			    "Campaign {1} is closed already."},
    [MSG_CAMP_REMIND_SOON_SUBJECT] = {"Nhắc nộp sổ khảo sát: {1} (hạn ngày {2})",
				      "Reminder: {1} (due on {2})"},
    [MSG_CAMP_REMIND_SOON_BODY] =
	{"{1} chưa nộp sổ khảo sát. Hạn nộp là ngày {2}, còn {3} ngày.\n\n"
	 "Tải sổ khảo sát của cơ sở, điền rồi gửi lại hoặc tải lên hệ thống: {4}",
	 "{1} has not sent its survey workbook yet. It is due on {2}, in {3} days.\n\n"
	 "Download the facility's survey workbook, fill it in and send it back or upload it: {4}"},
    [MSG_CAMP_REMIND_LATE_SUBJECT] = {"Quá hạn nộp sổ khảo sát: {1} (hạn ngày {2})",
				      "Overdue: {1} (due on {2})"},
    [MSG_CAMP_REMIND_LATE_BODY] =
	{"{1} chưa nộp sổ khảo sát. Hạn nộp ngày {2} đã qua {3} ngày; xin gửi sớm.\n\n"
	 "Tải sổ khảo sát của cơ sở, điền rồi gửi lại hoặc tải lên hệ thống: {4}",
	 "{1} has not sent its survey workbook. It was due on {2}, {3} days ago; please send it "
	 "soon.\n\n"
	 "Download the facility's survey workbook, fill it in and send it back or upload it: {4}"},
    /* ---- mail (model/mail/, web/mail.c, cli/cmd_mail.c) ---- */
    [MSG_MAIL_DEAR] = {"Kính gửi {1},", "Dear {1},"},
    [MSG_MAIL_LINK] = {"Mở trang: {1}", "Open: {1}"},
    [MSG_MAIL_SIGNATURE] = {"Sở Công Thương, hệ thống sxsh. Thư gửi tự động, xin đừng trả lời.",
			    "Department of Industry and Trade, sxsh. An automatic message: "
			    "please do not reply."},
    [MSG_MAIL_OPTOUT_NOTE] = {"Bạn nhận thư này vì tài khoản của bạn đang bật thông báo qua "
			      "e-mail; có thể tắt trên trang tài khoản: {1}",
			      "You receive this because e-mail notices are on for your account; "
			      "you can turn them off on your account page: {1}"},
    [MSG_MAIL_RETURNED_SUBJECT] = {"{L} năm {1} được trả lại để sửa",
				   "{L} for {1} returned for correction"},
    [MSG_MAIL_RETURNED_BODY] = {"Cán bộ xét duyệt đã trả lại {L} năm {1} của {2} để sửa."
				"\n\nGhi chú của người xét duyệt: {3}\n\nHãy sửa và gửi lại.",
				"A reviewer returned the {L} for {1} of {2} for correction.\n\n"
				"The reviewer's note: {3}\n\nPlease correct it and send it again."},
    [MSG_MAIL_ACCEPTED_SUBJECT] = {"{L} năm {1} đã được chấp nhận", "{L} for {1} accepted"},
    [MSG_MAIL_ACCEPTED_BODY] = {"Sở Công Thương đã chấp nhận {L} năm {1} của {2}.",
				"The Department of Industry and Trade has accepted the {L} for "
				"{1} of {2}."},
    [MSG_MAIL_REMIND_SOON_SUBJECT] = {"Nhắc hạn nộp {L} năm {1}: ngày {2}",
				      "Reminder: {L} for {1} due on {2}"},
    [MSG_MAIL_REMIND_SOON_BODY] = {"{2} chưa gửi {L} năm {1}. Hạn nộp là ngày {3}, còn "
				   "{4} ngày.",
				   "{2} has not sent its {L} for {1} yet. It is due on {3}, in {4} "
				   "days."},
    [MSG_MAIL_REMIND_LATE_SUBJECT] = {"Quá hạn nộp {L} năm {1} (hạn ngày {2})",
				      "Overdue: {L} for {1} (due on {2})"},
    [MSG_MAIL_REMIND_LATE_BODY] =
	{"{2} chưa gửi {L} năm {1}. Hạn nộp ngày {3} đã qua {4} "
	 "ngày; xin gửi sớm.",
	 "{2} has not sent its {L} for {1}. The deadline of {3} passed {4} "
	 "days ago; please send it soon."},
    [MSG_MAIL_INVITE_SUBJECT] = {"Khảo sát năm {1}: mời cơ sở gửi số liệu trước ngày {2}",
				 "Survey {1}: please send your data by {2}"},
    [MSG_MAIL_INVITE_BODY] = {"Sở Công Thương mời {1} tham gia khảo sát năm {2}: điền sổ "
			      "khảo sát (tệp Excel) của cơ sở và gửi lại trước ngày {3}.\n\n"
			      "Tải sổ khảo sát: {4}",
			      "The Department of Industry and Trade invites {1} to take part in "
			      "the {2} survey: fill in the facility's survey workbook (an Excel "
			      "file) and send it back by {3}.\n\nDownload the workbook: {4}"},
    [MSG_MAIL_RESET_SUBJECT] = {"Đặt lại mật khẩu sxsh", "Reset your sxsh password"},
    [MSG_MAIL_RESET_BODY] = {"Có yêu cầu đặt lại mật khẩu cho tài khoản {1}. Mở liên kết dưới "
			     "đây trong vòng 1 giờ để đặt mật khẩu mới; liên kết chỉ dùng được "
			     "một lần:\n\n{2}\n\nNếu bạn không yêu cầu, hãy bỏ qua thư này: "
			     "mật khẩu của bạn không thay đổi.",
			     "Someone asked to reset the password of the account {1}. Open the "
			     "link below within 1 hour to set a new password; it works only "
			     "once:\n\n{2}\n\nIf you did not ask for this, ignore this message: "
			     "your password has not changed."},
    [MSG_MAIL_RESET_INVALID] = {"Liên kết đặt lại mật khẩu không còn hiệu lực (đã dùng, hoặc "
				"đã quá 1 giờ). Hãy yêu cầu một liên kết mới.",
				"This password reset link no longer works (it was used, or more "
				"than 1 hour has passed). Ask for a new one."},
    [MSG_MAIL_RESET_THROTTLED] = {"Quá nhiều yêu cầu đặt lại mật khẩu, thử lại sau {1} phút.",
				  "Too many password reset requests; try again in {1} minutes."},
    [MSG_CLI_CMD_MAIL] = {"Thư điện tử: xem hộp thư đi, gửi thư đến hạn, xếp thư nhắc hạn",
			  "E-mail: list the outbox, send what is due, queue deadline reminders"},
    [MSG_CLI_MAIL_NO_SMTP] = {"chưa cấu hình máy chủ SMTP (--smtp URL hoặc SXSH_SMTP_URL)",
			      "no SMTP server configured (--smtp URL or SXSH_SMTP_URL)"},
    [MSG_CLI_MAIL_SMTP_URL] = {"--smtp phải là smtp://, smtp+starttls:// hoặc smtps:// kèm máy "
			       "chủ: '{1}'",
			       "--smtp must be smtp://, smtp+starttls:// or smtps:// with a host: "
			       "'{1}'"},
    [MSG_CLI_MAIL_BASE_URL] = {"--base-url phải bắt đầu bằng http:// hoặc https://: '{1}'",
			       "--base-url must start with http:// or https://: '{1}'"},
    [MSG_CLI_MAIL_DAYS] = {"{1} phải là danh sách số ngày 0–60 cách nhau bằng dấu phẩy (vd. "
			   "7,1) hoặc none: '{2}'",
			   "{1} must be a comma-separated list of days 0-60 (e.g. 7,1) or none: "
			   "'{2}'"},
    [MSG_CLI_MAIL_SENT] = {"đã gửi {1}, sẽ thử lại {2}, bỏ {3}",
			   "sent {1}, to be retried {2}, given up {3}"},
    [MSG_CLI_MAIL_WOULD_SEND] = {"{1} thư đến hạn sẽ được gửi (chạy thử, chưa gửi gì)",
				 "{1} messages due would be sent (dry run, nothing sent)"},
    [MSG_CLI_MAIL_REMINDED] = {"đã xếp {1} thư nhắc hạn vào hộp thư đi",
			       "{1} reminders queued in the outbox"},
    [MSG_CLI_MAIL_WOULD_REMIND] = {"{1} thư nhắc hạn sẽ được xếp (chạy thử, chưa ghi gì)",
				   "{1} reminders would be queued (dry run, nothing written)"},
    [MSG_CLI_MAIL_STATE] = {"--state phải là queued, sending, sent hoặc failed: '{1}'",
			    "--state must be queued, sending, sent or failed: '{1}'"},
    [MSG_CLI_MAIL_HEAD] = {"số|loại|người nhận|tiêu đề|trạng thái|lần thử|lần tới|lỗi",
			   "id|kind|recipient|subject|state|attempts|next attempt|error"},
    /* ---- exports officials hand on ---- */
    [MSG_XP_SOURCE] = {"Nguồn: sxsh — Sở Công Thương {1}. Ngày xuất: {2}",
		       "Source: sxsh — Department of Industry and Trade, {1}. Exported on {2}"},
    [MSG_XP_SOURCE_NONE] = {"Nguồn: sxsh — Sở Công Thương. Ngày xuất: {1}",
			    "Source: sxsh — Department of Industry and Trade. Exported on {1}"},
    [MSG_XP_KU_TITLE] = {"Danh sách cơ sở sử dụng năng lượng trọng điểm năm {1}",
			 "List of key energy users, {1}"},
    [MSG_XP_KU_NOTE] = {"Ngưỡng: {1} TOE/năm ({2}). Số cơ sở trọng điểm: {3}; số cơ sở "
			"không tính được: {4}.",
			"Threshold: {1} TOE a year ({2}). Key energy users: {3}; facilities "
			"that cannot be computed: {4}."},
    [MSG_XP_KPI_TITLE] = {"Chỉ tiêu của kế hoạch {1}, năm {2} — {3}",
			  "Indicators of plan {1}, {2} — {3}"},
    [MSG_XP_KPI_CHART] = {"Tỷ lệ cơ sở đạt từng chỉ tiêu (trên tổng số cơ sở hoạt động)",
			  "Share of active facilities meeting each indicator"},
    [MSG_XP_FAC_TITLE] = {"Danh sách cơ sở công nghiệp", "Industrial facilities"},
    [MSG_XP_REP_TITLE] = {"Báo cáo hằng năm của các cơ sở, năm {1}",
			  "Annual reports of the facilities, {1}"},
    [MSG_XP_REP_TITLE_ALL] = {"Báo cáo hằng năm của các cơ sở, mọi năm",
			      "Annual reports of the facilities, every year"},
    [MSG_XP_ATTACH_TITLE] = {"Số tệp đính kèm của mỗi báo cáo",
			     "Number of files attached to each report"},
    [MSG_XP_DIR_TITLE] = {"Danh bạ cơ sở công nghiệp", "Facility directory"},
    /* ---- CP assessments ---- */
    [MSG_ASSESS_DATE_BAD] = {"{L} phải là một ngày dạng ngày/tháng/năm, ví dụ 15/03/2026",
			     "{L} must be a date written day/month/year (15/03/2026) or "
			     "year-month-day (2026-03-15), got '{1}'"},
    [MSG_ASSESS_NO_ACCOUNT] = {"{L}: không có tài khoản đang hoạt động nào có e-mail '{1}'",
			       "{L}: no active account has the e-mail '{1}'"},
    [MSG_ASSESS_NOT_EXPERT] = {"{L}: tài khoản '{1}' không phải tài khoản chuyên gia",
			       "{L}: the account '{1}' is not an expert's account"},
    [MSG_ASSESS_EXPERT_NEEDS] = {"chuyên gia tư vấn cần có tài khoản chuyên gia: hãy nhập "
				 "{L}",
				 "a consultant expert needs an expert account: enter the {L}"},
    [MSG_ASSESS_MEMBER_TWICE] = {"{L}: tài khoản '{1}' đã có trong nhóm",
				 "{L}: the account '{1}' is already in the team"},
    [MSG_ASSESS_WEIGHTS_ZERO] = {"{L}: phải có ít nhất một trọng số lớn hơn 0",
				 "{L}: at least one weight must be above 0"},
    /* @assess-msgs */
    [MSG_ASSESS_FACILITY_MISSING] = {"Cơ sở: hãy gõ tên, mã cơ sở hoặc mã số thuế của cơ sở "
				     "được đánh giá",
				     "Facility: type the name, facility code or tax code of the "
				     "facility assessed"},
    [MSG_ASSESS_EXISTS] = {"Cơ sở này đã có một đánh giá SXSH bắt đầu trong năm đó",
			   "This facility already has a CP assessment starting that year"},
    [MSG_ASSESS_NONE] = {"Chưa có đánh giá SXSH nào.", "There are no CP assessments yet."},
    [MSG_ASSESS_NONE_EXPERT] = {"Bạn chưa có tên trong nhóm SXSH của đánh giá nào. Sở Công "
				"Thương thêm chuyên gia vào nhóm khi mở đánh giá.",
				"No assessment's CP team names you yet. The Department adds "
				"experts to the team when it opens an assessment."},
    [MSG_ASSESS_CONFLICT] = {"Đánh giá đã được người khác thay đổi sau khi bạn mở trang; "
			     "chưa lưu gì. Hãy xem lại và làm lại.",
			     "Someone changed the assessment after you opened the page; "
			     "nothing was saved. Check it and try again."},
    [MSG_ASSESS_NOTE_NEEDED] = {"Hãy ghi lý do trả lại hoặc mở lại",
				"Write why it is returned or reopened"},

    /* @assess-process-msgs */
    [MSG_PROCESS_CARRIER_ENERGY] = {"{L}: chỉ dòng năng lượng mới chọn dạng năng lượng",
				    "{L}: only an energy line names an energy carrier"},
    [MSG_PROCESS_CARRIER_UNIT] = {"{L}: {1} không tính theo đơn vị {2}",
				  "{L}: {3} is not measured in {4}"},
    [MSG_PROCESS_TO_STEP_LATER] = {"{L}: phải là một công đoạn đứng sau công đoạn này",
				   "{L}: must be a later step of this process"},
    [MSG_PROCESS_TO_STEP_OUT] = {"{L}: chỉ dòng đầu ra mới chuyển sang công đoạn khác",
				 "{L}: only an output feeds another step"},
    [MSG_PROCESS_WASTE_ONLY] = {"{L}: chỉ nhập cho dòng chất thải hoặc khí thải",
				"{L}: only for a waste or emission line"},
    [MSG_PROCESS_TOO_MANY] = {"{L}: tối đa {1}", "{L}: at most {1}"},

    /* @assess-option-msgs */
    [MSG_OPTION_FLOWS_BAD] = {"{L} phải là các số tiền theo từng năm, cách nhau bởi dấu chấm "
			      "phẩy hoặc xuống dòng, nhiều nhất {1} năm",
			      "{L} must be the amounts of each year separated by semicolons or "
			      "new lines, at most {1} years"},
    [MSG_OPTION_FLOWS_OR_SAVING] = {"nhập {L} hoặc khoản tiết kiệm hằng năm với thời gian sử "
				    "dụng, không nhập cả hai",
				    "enter the {L} or an annual saving with a life, not both"},
    [MSG_OPTION_SAVING_LIFE] = {"cần nhập {L} đi kèm", "the {L} is needed with it"},
    [MSG_OPTION_OFFSITE_KIND] = {"{L} chỉ áp dụng cho giải pháp sản xuất sản phẩm phụ hữu ích",
				 "{L} applies only to a useful by-product"},
    [MSG_OPTION_REJECTED_MOVE] = {"{L}: giải pháp đã bị loại bỏ nên không thể thực hiện",
				  "{L}: a rejected option cannot be carried out"},
    [MSG_OPTION_TOO_MANY_EFFECTS] = {"nhiều nhất {1} dòng tác động cho một giải pháp",
				     "at most {1} effect lines per option"},
    [MSG_XP_OPTIONS_TITLE] = {"Các giải pháp sản xuất sạch hơn: {1}",
			      "Cleaner production options: {1}"},

    /* @assess-savings-msgs */
    [MSG_MEASURED_NO_OPTION] = {"chưa có giải pháp nào được thực hiện (có ngày thực hiện)",
				"no option has been implemented (with its date)"},
    [MSG_MEASURED_NO_BASELINE] = {"không có báo cáo được chấp nhận của năm trước năm thực hiện "
				  "để làm đường cơ sở (cần tính được suất tiêu hao của sản "
				  "phẩm chính)",
				  "no accepted report of a year before the implementation to "
				  "serve as the baseline (its main product's SEC must be "
				  "computable)"},
    [MSG_MEASURED_NO_LATER] = {"chưa có báo cáo được chấp nhận từ năm thực hiện trở đi",
			       "no accepted report from the year of implementation on yet"},
    [MSG_MEASURED_PRODUCT_GONE] = {"sản phẩm chính của năm cơ sở không còn trong báo cáo "
				   "(sản phẩm đã thay đổi)",
				   "the baseline's main product is not in the report (the "
				   "product changed)"},
    [MSG_MEASURED_NOT_COMPUTABLE] = {"không tính được suất tiêu hao năng lượng của năm "
				     "(thiếu dòng năng lượng hoặc hệ số)",
				     "the year's specific energy consumption is not "
				     "computable (an energy line or a factor is missing)"},
    [MSG_CASE_NOT_PILOT] = {"chỉ công bố điển hình của mô hình thí điểm",
			    "only a pilot's case study is published"},

    /* @assess-report-msgs */
};

void
msg_init(struct msg *m, enum msg_id id, const struct val_label *label)
{
	m->id = id;
	m->label = label;
	m->nargs = 0;
}

static struct msg_arg *
msg_arg_next(struct msg *m, char type)
{
	if (m->nargs >= MSG_ARGS)
		return NULL;
	struct msg_arg *a = &m->arg[m->nargs++];
	memset(a, 0, sizeof(*a));
	a->type = type;
	return a;
}

void
msg_str(struct msg *m, const char *s)
{
	struct msg_arg *a = msg_arg_next(m, 's');
	if (a != NULL)
		val_excerpt(a->s, sizeof(a->s), s != NULL ? s : "");
}

void
msg_code(struct msg *m, const char *s)
{
	struct msg_arg *a = msg_arg_next(m, 's');
	if (a == NULL)
		return;
	size_t n = strlen(s != NULL ? s : "");
	if (n >= sizeof(a->s)) {
		n = sizeof(a->s) - 1;
		while (n > 0 && ((unsigned char)s[n] & 0xc0) == 0x80)
			n--; /* s[n] continues a character: cut before it */
	}
	memcpy(a->s, s != NULL ? s : "", n);
	a->s[n] = '\0';
}

void
msg_int(struct msg *m, int64_t v)
{
	struct msg_arg *a = msg_arg_next(m, 'i');
	if (a != NULL)
		a->i = v;
}

void
msg_real(struct msg *m, double v, int decimals)
{
	struct msg_arg *a = msg_arg_next(m, 'r');
	if (a != NULL) {
		a->r = v;
		a->decimals = decimals;
	}
}

void
msg_ref(struct msg *m, const char *s)
{
	struct msg_arg *a = msg_arg_next(m, 'p');
	if (a != NULL)
		a->p = s != NULL ? s : "";
}

void
msg_plain(struct msg *m, int64_t v)
{
	char b[24];
	snprintf(b, sizeof(b), "%lld", (long long)v);
	msg_code(m, b);
}

enum msg_id
msg_status(int rc)
{
	static const enum msg_id ids[ST__COUNT] = {
	    MSG_ST_OK,	    MSG_ST_NOTFOUND, MSG_ST_FORBIDDEN, MSG_ST_STATE, MSG_ST_CONFLICT,
	    MSG_ST_INVALID, MSG_ST_EXISTS,   MSG_ST_ERR,       MSG_ST_FULL,
	};
	return rc <= 0 && -rc < ST__COUNT ? ids[-rc] : MSG_ST_ERR;
}

const char *
msg_template(enum msg_id id, int lang)
{
	if ((int)id < 0 || id >= MSG__MAX || msg_catalogue[id].vi == NULL)
		id = MSG_ST_ERR;
	return lang == LANG_EN ? msg_catalogue[id].en : msg_catalogue[id].vi;
}

/* A bounded writer: appends while room is left, never splitting a character. */
struct msg_out {
	char *p;
	size_t n, len;
	int full;
};

static void
out_put(struct msg_out *o, const char *s, size_t len)
{
	if (o->full)
		return;
	if (o->len + len + 1 > o->n) {
		len = o->n - 1 - o->len;
		while (len > 0 && ((unsigned char)s[len] & 0xc0) == 0x80)
			len--; /* s[len] continues a character: cut before it */
		o->full = 1;
	}
	memcpy(o->p + o->len, s, len);
	o->len += len;
	o->p[o->len] = '\0';
}

static void
out_arg(struct msg_out *o, const struct msg_arg *a, int lang)
{
	char num[64];
	switch (a->type) {
	case 's':
		out_put(o, a->s, strlen(a->s));
		return;
	case 'p':
		out_put(o, a->p, strlen(a->p));
		return;
	case 'i':
		fmt_int(num, sizeof(num), a->i, (enum lang)lang);
		break;
	case 'r':
		if (a->decimals >= 0) {
			fmt_num(num, sizeof(num), a->r, a->decimals, (enum lang)lang);
		} else {
			/*
			 * As many decimals as the shortest exact spelling has,
			 * grouped like any other number; an exponent form
			 * ("1e+15") keeps its digits and only swaps the point.
			 */
			fmt_exact(num, sizeof(num), a->r);
			char *dot = strchr(num, '.');
			size_t decimals = dot != NULL ? strlen(dot + 1) : 0;
			if (strpbrk(num, "eEni") == NULL && decimals <= 9)
				fmt_num(num, sizeof(num), a->r, (int)decimals, (enum lang)lang);
			else if (dot != NULL && lang == LANG_VI)
				*dot = ',';
		}
		break;
	default:
		return;
	}
	out_put(o, num, strlen(num));
}

static void
render(struct msg_out *o, const struct msg *m, int lang)
{
	const char *t = msg_template(m->id, lang);
	while (*t != '\0') {
		const char *brace = strchr(t, '{');
		if (brace == NULL) {
			out_put(o, t, strlen(t));
			return;
		}
		out_put(o, t, (size_t)(brace - t));
		if (brace[1] == 'L' && brace[2] == '}') {
			if (m->label != NULL) {
				const char *l = lang == LANG_EN ? m->label->en : m->label->vi;
				out_put(o, l, strlen(l));
			}
			t = brace + 3;
		} else if (brace[1] >= '1' && brace[1] <= '0' + MSG_ARGS && brace[2] == '}') {
			int k = brace[1] - '1';
			if (k < m->nargs)
				out_arg(o, &m->arg[k], lang);
			t = brace + 3;
		} else {
			out_put(o, "{", 1);
			t = brace + 1;
		}
	}
}

char *
msg_format(const struct msg *m, int lang, char *out, size_t n)
{
	struct msg_out o = {out, n, 0, 0};
	if (n == 0)
		return out;
	out[0] = '\0';
	if (lang == MSG_BOTH) {
		render(&o, m, LANG_VI);
		out_put(&o, " / ", 3);
		render(&o, m, LANG_EN);
	} else {
		render(&o, m, lang);
	}
	return out;
}

char *
msg_both(char *out, size_t n, enum msg_id id, const char *detail_fmt, ...)
{
	struct msg m;
	msg_init(&m, id, NULL);
	msg_format(&m, MSG_BOTH, out, n);
	size_t len = strlen(out);
	if (detail_fmt != NULL && len + 1 < n) {
		va_list ap;
		va_start(ap, detail_fmt);
		vsnprintf(out + len, n - len, detail_fmt, ap);
		va_end(ap);
	}
	return out;
}
