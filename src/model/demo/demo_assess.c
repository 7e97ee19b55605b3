/*
 * The demo assessments (demo_assess.h): one table entry per assessment,
 * resolved against the facility's base-year report and written with the
 * STMT_DEMO_ASSESS_* statements.
 */
#include "model/demo/demo_assess.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "db/db.h"
#include "model/demo/demo.h"
#include "model/demo/demo_accounts.h"
#include "util/fmt.h"

#define EXPERT_EMAIL "chuyengia@" DEMO_ACCOUNT_DOMAIN
#define FLOWS_MAX    1024 /* a JSON array of up to 50 yearly amounts */
#define YEARS_MAX    (DEMO_LAST_YEAR - DEMO_FIRST_YEAR + 1)
#define PROVINCE     "Sở Công Thương (mẫu)"

/* What a quantity is proportional to. */
enum basis {
	PER_OUT,  /* the base year's output of the main product */
	PER_ELEC, /* the base year's electricity, kWh */
	PER_FUEL, /* the base year's main fuel (the first carrier other than electricity) */
};

/* Which of the facility's carriers an energy line or effect is. */
enum carrier_of { CR_NONE, CR_ELEC, CR_FUEL };

struct line_def {
	int step; /* 1-based */
	const char *dir, *stream, *name;
	enum carrier_of carrier;
	enum basis basis;
	double v;
	const char *unit;   /* NULL: the carrier's unit */
	int to_step;	    /* 0: none */
	double lost, treat; /* VND per unit of the line; 0: none */
	const char *cause[2];
	const char *note;
};

struct effect_def {
	const char *stream;
	enum carrier_of carrier;
	const char *name;
	enum basis basis;
	double v;
	const char *unit;	/* NULL: the carrier's unit */
	double price;		/* VND per unit saved; energy takes the year's price */
	const char *price_what; /* what the price is, in the description */
};

#define MAX_EFFECTS 2

struct option_def {
	const char *title, *kind;
	int offsite;
	const char *triage, *reject, *status;
	int line, cause; /* 1-based line and cause it addresses; 0: none */
	struct effect_def eff[MAX_EFFECTS];
	double payback; /* intended simple payback, years; 0: no finance yet */
	int life;
	double rate;
	int flows; /* explicit cash flows: half the saving in year 1, then all of it */
	double score[3];
	const char *implemented_on;
	double actual; /* actual cost over capex */
};

struct member_def {
	const char *name, *role, *position, *org, *contact;
};

#define MAX_MEMBERS 5
#define MAX_STEPS   3
#define MAX_LINES   16
#define MAX_OPTIONS 6

struct assess_def {
	/* the facility */
	const char *sector, *product, *size, *carrier;
	double min_out;		   /* a facility with at least this output first */
	int base_year, later_year; /* accepted reports needed; later 0: none */
	/* the assessment */
	int year;
	const char *title;
	int pilot;
	const char *funding, *funding_note, *focus;
	const char *status;
	const char *started_on, *submitted_on, *returned_on, *accepted_on, *sustained_on;
	const char *review_note;
	int done;     /* tasks 1..done are done */
	int doing[2]; /* tasks in progress; 0 ends */
	struct member_def member[MAX_MEMBERS];
	const char *step[MAX_STEPS][2]; /* name, description */
	struct line_def line[MAX_LINES];
	struct option_def option[MAX_OPTIONS];
};

#define EXPERT_ME                                                                                  \
	{                                                                                          \
		"ThS. Lê Hoàng Vũ", "expert", "Chuyên gia tư vấn SXSH",                            \
		    "Trung tâm Khuyến công và Tư vấn phát triển công nghiệp (mẫu)", EXPERT_EMAIL   \
	}
#define EXPERT_VNCPC                                                                               \
	{                                                                                          \
		"TS. Nguyễn Văn Hùng", "expert", "Chuyên gia đánh giá SXSH",                       \
		    "Trung tâm Sản xuất sạch hơn Việt Nam (mẫu)", "0903 000 111 (mẫu)"           \
	}

/* clang-format off */
static const struct assess_def defs[] = {
    /* A frozen-shrimp plant: the province's first pilot (78/KH-UBND: one
     * pilot model by 2015), accepted in 2015 and sustained since. */
    {
	.sector = "1020", .product = "frozen_shrimp", .size = "medium", .carrier = "",
	.base_year = 2014, .later_year = 2016,
	.year = 2015, .title = "Đánh giá SXSH khâu cấp đông và kho lạnh", .pilot = 1,
	.funding = "provincial",
	.funding_note = "Chương trình khuyến công địa phương năm 2015 (mẫu)",
	.focus = "Khâu rửa nguyên liệu, cấp đông và kho lạnh: tiêu thụ 95 % điện năng và "
		 "phần lớn nước của nhà máy.",
	.status = "sustaining", .started_on = "2015-03-02", .submitted_on = "2015-10-20",
	.accepted_on = "2015-11-25", .sustained_on = "2016-06-15",
	.done = 16, .doing = {17},
	.member = {
	    {"Trần Thị Ngọc Hân", "leader", "Phó giám đốc sản xuất", "", "0297 3 800 101 (mẫu)"},
	    {"Lê Văn Phước", "member", "Quản đốc phân xưởng cấp đông", "", ""},
	    {"Huỳnh Minh Tâm", "member", "Kỹ thuật viên cơ điện lạnh", "", ""},
	    EXPERT_ME, EXPERT_VNCPC},
	.step = {{"Tiếp nhận, rửa và sơ chế nguyên liệu",
		  "Rửa tôm bằng nước giếng, lặt đầu, bóc vỏ thủ công"},
		 {"Cấp đông", "Tủ đông tiếp xúc và mạ băng"},
		 {"Kho lạnh và máy nén", "Bảo quản −20 °C đến khi xuất hàng"}},
	.line = {
	    {1, "in", "material", "Tôm nguyên liệu", CR_NONE, PER_OUT, 1.70, "t"},
	    {1, "in", "water", "Nước giếng rửa nguyên liệu", CR_NONE, PER_OUT, 14, "m3"},
	    {1, "in", "energy", "Điện bơm nước, chiếu sáng", CR_ELEC, PER_ELEC, 0.05},
	    {1, "out", "material", "Tôm đã sơ chế", CR_NONE, PER_OUT, 1.12, "t", 2},
	    {1, "out", "waste", "Đầu, vỏ tôm", CR_NONE, PER_OUT, 0.55, "t", 0, 2000000, 250000,
	     {"Thu gom lẫn với rác thải, không phân loại tại chỗ",
	      "Chưa có đầu ra cho phụ phẩm"}},
	    {1, "out", "waste", "Nước thải khâu rửa", CR_NONE, PER_OUT, 13.6, "m3", 0, 6000, 4500,
	     {"Vòi nước không có van khóa, chảy liên tục giữa các mẻ",
	      "Rửa bằng nước tràn thay vì vòi phun áp lực"}},
	    {2, "in", "material", "Tôm đã sơ chế", CR_NONE, PER_OUT, 1.12, "t"},
	    {2, "in", "water", "Nước mạ băng", CR_NONE, PER_OUT, 0.09, "m3"},
	    {2, "in", "energy", "Điện tủ đông tiếp xúc", CR_ELEC, PER_ELEC, 0.60},
	    {2, "out", "product", "Tôm đông lạnh thành phẩm", CR_NONE, PER_OUT, 1.0, "t", 3},
	    {2, "out", "waste", "Rỉ dịch và băng rơi vãi", CR_NONE, PER_OUT, 0.18, "t", 0, 0, 4500},
	    {3, "in", "product", "Tôm đông lạnh thành phẩm", CR_NONE, PER_OUT, 1.0, "t"},
	    {3, "in", "energy", "Điện máy nén kho lạnh", CR_ELEC, PER_ELEC, 0.35},
	    {3, "out", "product", "Tôm đông lạnh xuất kho", CR_NONE, PER_OUT, 0.992, "t"},
	},
	.option = {
	    {"Lắp van khóa tự động và vòi phun áp lực cho khu rửa nguyên liệu", "housekeeping", 0,
	     "now", "", "implemented", 6, 1,
	     {{"water", CR_NONE, "Nước giếng", PER_OUT, 3.2, "m3", 10500,
	       "nước giếng 6.000 đ/m³ và xử lý nước thải 4.500 đ/m³"}},
	     0.7, 5, 0.10, 0, {8, 9, 7}, "2015-05-15", 1.04},
	    {"Bảo dưỡng cửa kho lạnh, lắp màn nhựa chắn gió và lập lịch xả băng dàn lạnh",
	     "process_control", 0, "now", "", "implemented", 0, 0,
	     {{"energy", CR_ELEC, "", PER_ELEC, 0.03}},
	     0.6, 5, 0.10, 0, {9, 9, 7}, "2015-06-01", 0.95},
	    {"Lắp biến tần cho máy nén và bơm nước giải nhiệt, thay van tiết lưu điện tử",
	     "equipment", 0, "now", "", "implemented", 0, 0,
	     {{"energy", CR_ELEC, "", PER_ELEC, 0.06}},
	     1.9, 10, 0.10, 0, {7, 8, 8}, "2015-09-10", 1.08},
	    {"Thu gom riêng đầu, vỏ tôm bán cho cơ sở sản xuất chitin", "byproduct", 1, "now", "",
	     "implemented", 5, 1,
	     {{"waste", CR_NONE, "Đầu, vỏ tôm", PER_OUT, 0.55, "t", 2250000,
	       "giá bán 2.000.000 đ/t và chi phí xử lý 250.000 đ/t"}},
	     0.1, 5, 0.10, 0, {8, 10, 9}, "2015-07-01", 1.0},
	    {"Thay tủ đông tiếp xúc bằng băng chuyền cấp đông IQF hiệu suất cao", "technology", 0,
	     "study", "", "proposed", 0, 0,
	     {{"energy", CR_ELEC, "", PER_ELEC, 0.12}},
	     4.5, 10, 0.11, 1, {6, 6, 8}},
	    {"Dùng nước mặt qua xử lý thay nước giếng khoan", "input_change", 0, "rejected",
	     "Nguồn nước mặt nhiễm mặn vào mùa khô, không bảo đảm an toàn thực phẩm.",
	     "proposed", 2, 0, {{0}}, 0, 0, 0.10, 0, {3, 4, 6}},
	},
    },
    /* A rice mill that replaced its polisher's motor and controls its dryer. */
    {
	.sector = "1061", .product = "milled_rice", .size = "medium", .carrier = "rice_husk",
	.min_out = 9000,
	.base_year = 2022, .later_year = 2024,
	.year = 2023, .title = "Đánh giá SXSH khâu sấy và xát trắng", .pilot = 0,
	.funding = "central", .funding_note = "Chương trình khuyến công quốc gia năm 2023 (mẫu)",
	.focus = "Lò sấy đốt trấu và dây chuyền xát trắng, đánh bóng gạo.",
	.status = "accepted", .started_on = "2023-04-03", .submitted_on = "2024-01-15",
	.accepted_on = "2024-03-05", .done = 15, .doing = {16},
	.member = {
	    {"Nguyễn Thị Thu Trang", "leader", "Giám đốc", "", "0297 3 811 202 (mẫu)"},
	    {"Phạm Quốc Bảo", "member", "Tổ trưởng lò sấy", "", ""},
	    {"Đặng Văn Lợi", "member", "Thợ điện", "", ""},
	    EXPERT_ME},
	.step = {{"Sấy lúa bằng lò đốt trấu", "Máy sấy vỉ ngang, lò đốt trấu thủ công"},
		 {"Xay, xát trắng và đánh bóng", "Động cơ máy xát cũ (IE1), sàng phân loại"}},
	.line = {
	    {1, "in", "material", "Lúa tươi", CR_NONE, PER_OUT, 1.78, "t"},
	    {1, "in", "energy", "Trấu đốt lò sấy", CR_FUEL, PER_FUEL, 1.0},
	    {1, "in", "energy", "Điện quạt sấy", CR_ELEC, PER_ELEC, 0.22},
	    {1, "out", "material", "Lúa khô", CR_NONE, PER_OUT, 1.55, "t", 2},
	    {1, "out", "emission", "Hơi nước bay ra khi sấy", CR_NONE, PER_OUT, 0.21, "t"},
	    {1, "out", "waste", "Tro trấu", CR_NONE, PER_FUEL, 0.18, "t", 0, 0, 50000,
	     {"Lò đốt cháy không hết, tro còn nhiều than",
	      "Không có bộ điều khiển nhiệt độ tác nhân sấy"}},
	    {2, "in", "material", "Lúa khô", CR_NONE, PER_OUT, 1.55, "t"},
	    {2, "in", "energy", "Điện máy xay, máy xát", CR_ELEC, PER_ELEC, 0.78},
	    {2, "out", "product", "Gạo thành phẩm", CR_NONE, PER_OUT, 1.0, "t"},
	    {2, "out", "material", "Trấu", CR_NONE, PER_OUT, 0.30, "t"},
	    {2, "out", "material", "Cám", CR_NONE, PER_OUT, 0.12, "t"},
	    {2, "out", "waste", "Tấm, gạo gãy lẫn trong cám", CR_NONE, PER_OUT, 0.10, "t", 0,
	     3000000, 0,
	     {"Động cơ máy xát cũ, tốc độ không ổn định", "Lưới sàng phân loại mòn"}},
	},
	.option = {
	    {"Thay động cơ {kW} kW (IE1) của máy xát trắng bằng động cơ IE3 có biến tần",
	     "equipment", 0, "now", "", "implemented", 12, 1,
	     {{"energy", CR_ELEC, "", PER_ELEC, 0.12}},
	     2.2, 15, 0.10, 0, {8, 8, 7}, "2023-11-20", 1.03},
	    {"Lắp bộ điều khiển nhiệt độ tác nhân sấy và hồi lưu một phần khí nóng",
	     "process_control", 0, "now", "", "implemented", 6, 2,
	     {{"energy", CR_FUEL, "", PER_FUEL, 0.15}},
	     1.5, 10, 0.10, 0, {8, 9, 8}, "2024-02-01", 0.97},
	    {"Sửa rò rỉ khí nén, tắt máy khi chạy không tải", "housekeeping", 0, "now", "",
	     "implemented", 0, 0,
	     {{"energy", CR_ELEC, "", PER_ELEC, 0.04}},
	     0.6, 3, 0.10, 0, {10, 9, 6}, "2023-06-10", 1.0},
	    {"Bán tro trấu làm phụ gia phân bón", "byproduct", 1, "study", "", "proposed", 6, 0,
	     {{"waste", CR_NONE, "Tro trấu", PER_FUEL, 0.18, "t", 300000,
	       "giá bán 250.000 đ/t và chi phí xử lý 50.000 đ/t"}},
	     1.0, 5, 0.10, 0, {7, 7, 8}},
	    {"Lắp điện mặt trời mái nhà xưởng tự dùng", "technology", 0, "study", "", "proposed", 0,
	     0, {{"energy", CR_ELEC, "", PER_ELEC, 0.35}},
	     5.5, 20, 0.10, 1, {7, 6, 9}},
	    {"Thay lò đốt trấu bằng lò đốt than cám", "input_change", 0, "rejected",
	     "Tăng phát thải CO2 hóa thạch; chi phí than cao hơn trấu tự có.", "proposed", 2, 0,
	     {{0}}, 0, 0, 0.10, 0, {6, 3, 2}},
	},
    },
    /* A fish-sauce maker whose report is with the province. */
    {
	.sector = "1020", .product = "fish_sauce", .size = "medium", .carrier = "",
	.min_out = 150,
	.base_year = 2023,
	.year = 2024, .title = "Đánh giá SXSH sản xuất nước mắm", .pilot = 0,
	.funding = "enterprise", .funding_note = "",
	.focus = "Khâu ướp chượp, kéo rút và đóng chai: nước rửa, bã chượp và cá rơi vãi.",
	.status = "submitted", .started_on = "2024-03-11", .submitted_on = "2024-12-16",
	.done = 13,
	.member = {
	    {"Võ Thị Kim Loan", "leader", "Chủ cơ sở", "", "0297 3 846 303 (mẫu)"},
	    {"Châu Văn Nghĩa", "member", "Thợ cả nhà thùng", "", ""},
	    EXPERT_VNCPC},
	.step = {{"Ướp chượp", "Cá cơm trộn muối trong thùng gỗ"},
		 {"Kéo rút và lọc nước mắm", "Bơm kéo rút, lọc qua than hoạt tính"},
		 {"Đóng chai", "Rửa chai, rót và dán nhãn"}},
	.line = {
	    {1, "in", "material", "Cá cơm tươi", CR_NONE, PER_OUT, 0.80, "t"},
	    {1, "in", "material", "Muối hạt", CR_NONE, PER_OUT, 0.27, "t"},
	    {1, "out", "material", "Chượp", CR_NONE, PER_OUT, 1.02, "t", 2},
	    {1, "out", "waste", "Nước rỉ và cá rơi vãi", CR_NONE, PER_OUT, 0.03, "t", 0, 12000000,
	     200000, {"Thùng ướp không có nắp và rãnh thu nước rỉ",
		      "Bốc dỡ cá thủ công làm rơi vãi"}},
	    {2, "in", "material", "Chượp", CR_NONE, PER_OUT, 1.02, "t"},
	    {2, "in", "water", "Nước muối kéo rút", CR_NONE, PER_OUT, 0.5, "m3"},
	    {2, "in", "energy", "Điện bơm kéo rút", CR_ELEC, PER_ELEC, 0.7},
	    {2, "out", "product", "Nước mắm thành phẩm", CR_NONE, PER_OUT, 1.0, "kL", 3},
	    {2, "out", "waste", "Bã chượp", CR_NONE, PER_OUT, 0.38, "t", 0, 0, 150000,
	     {"Chưa có đầu ra cho bã chượp"}},
	    {2, "out", "waste", "Nước rửa thùng", CR_NONE, PER_OUT, 0.3, "m3", 0, 12800, 5000},
	    {3, "in", "product", "Nước mắm thành phẩm", CR_NONE, PER_OUT, 1.0, "kL"},
	    {3, "in", "water", "Nước rửa chai", CR_NONE, PER_OUT, 0.35, "m3"},
	    {3, "in", "energy", "Điện máy rót, chiếu sáng", CR_ELEC, PER_ELEC, 0.3},
	    {3, "out", "product", "Nước mắm đóng chai", CR_NONE, PER_OUT, 0.985, "kL"},
	},
	.option = {
	    {"Lắp vòi xịt áp lực có khóa tay cho khâu rửa thùng và chai", "housekeeping", 0,
	     "now", "", "planned", 10, 0,
	     {{"water", CR_NONE, "Nước máy", PER_OUT, 0.25, "m3", 12800, "nước máy 12.800 đ/m³"}},
	     0.8, 5, 0.12, 0, {9, 8, 7}},
	    {"Bán bã chượp cho cơ sở chế biến thức ăn chăn nuôi", "byproduct", 1, "now", "",
	     "planned", 9, 1,
	     {{"waste", CR_NONE, "Bã chượp", PER_OUT, 0.38, "t", 1500000,
	       "giá bán 1.350.000 đ/t và chi phí xử lý 150.000 đ/t"}},
	     0.3, 5, 0.12, 0, {8, 9, 9}},
	    {"Thay bơm kéo rút cũ bằng bơm inox hiệu suất cao có hẹn giờ", "equipment", 0, "now",
	     "", "planned", 0, 0, {{"energy", CR_ELEC, "", PER_ELEC, 0.2}},
	     2.5, 8, 0.12, 0, {8, 7, 6}},
	    {"Dùng muối sạch đã rửa, ít tạp chất", "input_change", 0, "study", "", "proposed", 4, 0,
	     {{0}}, 0, 0, 0.12, 0, {7, 5, 7}},
	},
    },
    /* An ice plant whose report came back: a balance does not close. */
    {
	.sector = "3530", .product = "ice", .size = "small", .carrier = "",
	.min_out = 3000,
	.base_year = 2024,
	.year = 2025, .title = "Đánh giá SXSH sản xuất nước đá cây", .pilot = 0,
	.funding = "district", .funding_note = "Kinh phí khuyến công huyện năm 2025 (mẫu)",
	.focus = "Bể nước muối làm đá cây và kho đá.",
	.status = "returned", .started_on = "2025-02-17", .submitted_on = "2025-08-20",
	.returned_on = "2025-09-05",
	.review_note = "Cân bằng công đoạn rút đá và lưu kho chưa khép kín (sai số 7 %): đề "
		       "nghị cân lại lượng đá tan khi rút khuôn và bổ sung số liệu.",
	.done = 13, .doing = {5},
	.member = {
	    {"Dương Thanh Tùng", "leader", "Chủ cơ sở", "", "0297 3 862 404 (mẫu)"},
	    {"Lâm Thị Mỹ Duyên", "member", "Kế toán", "", ""},
	    EXPERT_ME},
	.step = {{"Xử lý nước cấp", "Lọc cát, làm mềm nước giếng"},
		 {"Làm đá cây trong bể nước muối", "Máy nén NH3, bể muối 120 khuôn"},
		 {"Rút đá, lưu kho và xuất bán", "Nhúng khuôn nước ấm, kho đá trấu"}},
	.line = {
	    {1, "in", "water", "Nước giếng khoan", CR_NONE, PER_OUT, 1.12, "m3"},
	    {1, "in", "energy", "Điện bơm nước", CR_ELEC, PER_ELEC, 0.05},
	    {1, "out", "water", "Nước đã xử lý", CR_NONE, PER_OUT, 1.06, "m3", 2},
	    {1, "out", "waste", "Nước rửa ngược bộ lọc", CR_NONE, PER_OUT, 0.05, "m3", 0, 2400, 0},
	    {2, "in", "water", "Nước đã xử lý", CR_NONE, PER_OUT, 1.06, "m3"},
	    {2, "in", "energy", "Điện máy nén, máy khuấy", CR_ELEC, PER_ELEC, 0.8},
	    {2, "out", "product", "Nước đá cây", CR_NONE, PER_OUT, 1.0, "t", 3},
	    {2, "out", "waste", "Nước tràn khi rót khuôn, đá vỡ", CR_NONE, PER_OUT, 0.03, "t", 0,
	     2400, 0, {"Rót khuôn bằng vòi tay, không có định lượng"}},
	    {3, "in", "product", "Nước đá cây", CR_NONE, PER_OUT, 1.0, "t"},
	    {3, "in", "energy", "Điện tời, chiếu sáng kho", CR_ELEC, PER_ELEC, 0.15},
	    {3, "out", "product", "Đá cây xuất bán", CR_NONE, PER_OUT, 0.91, "t"},
	    {3, "out", "waste", "Đá tan chảy trong kho", CR_NONE, PER_OUT, 0.02, "t", 0, 0, 0,
	     {"Kho đá cách nhiệt bằng trấu đã mục", "Cửa kho mở lâu khi xuất đá"},
	     "Chưa cân lượng đá tan khi rút khuôn"},
	},
	.option = {
	    {"Bọc lại cách nhiệt bể muối và thay nắp khuôn hở", "equipment", 0, "now", "",
	     "planned", 0, 0, {{"energy", CR_ELEC, "", PER_ELEC, 0.07}},
	     1.6, 8, 0.11, 0, {8, 8, 7}},
	    {"Lắp bộ điều khiển nhiệt độ nước muối và biến tần cho máy khuấy", "process_control", 0,
	     "now", "", "proposed", 0, 0, {{"energy", CR_ELEC, "", PER_ELEC, 0.05}},
	     1.2, 8, 0.11, 0, {8, 7, 6}},
	    {"Thu hồi nước tan đá để làm mát dàn ngưng", "onsite_recovery", 0, "study", "",
	     "proposed", 12, 0,
	     {{"water", CR_NONE, "Nước giếng", PER_OUT, 0.06, "m3", 2400, "nước giếng 2.400 đ/m³"}},
	     1.0, 5, 0.11, 0, {6, 6, 7}},
	    {"Chuyển sang máy làm đá viên tự động", "product", 0, "study", "", "proposed", 0, 0,
	     {{"energy", CR_ELEC, "", PER_ELEC, 0.25}},
	     5.5, 12, 0.11, 1, {6, 5, 7}},
	},
    },
    /* A brick kiln at work on its options. */
    {
	.sector = "2392", .product = "brick", .size = "small", .carrier = "",
	.min_out = 1500,
	.base_year = 2024,
	.year = 2025, .title = "Đánh giá SXSH lò nung gạch", .pilot = 0,
	.funding = "provincial", .funding_note = "Chương trình khuyến công địa phương năm 2025 (mẫu)",
	.focus = "Lò nung gạch thủ công và sân phơi gạch mộc.",
	.status = "in_progress", .started_on = "2025-06-09", .done = 7, .doing = {8},
	.member = {
	    {"Bùi Thị Hồng Nhung", "leader", "Chủ cơ sở", "", "0297 3 875 505 (mẫu)"},
	    {"Trịnh Công Danh", "member", "Thợ đốt lò", "", ""},
	    EXPERT_ME},
	.step = {{"Nhào trộn và đùn ép gạch mộc", "Máy nhào đùn liên hợp"},
		 {"Phơi gạch mộc", "Sân phơi ngoài trời"},
		 {"Nung gạch", "Lò thủ công"}},
	.line = {
	    {1, "in", "material", "Đất sét", CR_NONE, PER_OUT, 2.6, "t"},
	    {1, "in", "water", "Nước nhào đất", CR_NONE, PER_OUT, 0.38, "m3"},
	    {1, "in", "energy", "Điện máy nhào đùn", CR_ELEC, PER_ELEC, 0.7},
	    {1, "out", "material", "Gạch mộc ướt", CR_NONE, PER_OUT, 2.9, "t", 2},
	    {1, "out", "waste", "Gạch mộc hỏng, đất rơi vãi", CR_NONE, PER_OUT, 0.04, "t", 0,
	     190000, 0, {"Khuôn đùn mòn, gạch mộc sứt cạnh"}},
	    {2, "in", "material", "Gạch mộc ướt", CR_NONE, PER_OUT, 2.9, "t"},
	    {2, "out", "material", "Gạch mộc khô", CR_NONE, PER_OUT, 2.45, "t", 3},
	    {2, "out", "emission", "Hơi nước bay hơi khi phơi", CR_NONE, PER_OUT, 0.40, "t"},
	    {2, "out", "waste", "Gạch mộc nứt do mưa", CR_NONE, PER_OUT, 0.03, "t", 0, 190000, 0,
	     {"Sân phơi không có mái che"}},
	    {3, "in", "material", "Gạch mộc khô", CR_NONE, PER_OUT, 2.45, "t"},
	    {3, "in", "energy", "Nhiên liệu đốt lò", CR_FUEL, PER_FUEL, 1.0},
	    {3, "in", "energy", "Điện quạt lò", CR_ELEC, PER_ELEC, 0.3},
	    {3, "out", "product", "Gạch nung thành phẩm", CR_NONE, PER_OUT, 2.25, "t", 0, 0, 0,
	     {NULL}, "Khoảng 2,25 t cho 1.000 viên"},
	    {3, "out", "emission", "Khí thải lò (hơi nước, CO2 từ đất)", CR_NONE, PER_OUT, 0.08, "t"},
	    {3, "out", "waste", "Gạch cháy, nứt vỡ", CR_NONE, PER_OUT, 0.09, "t", 0, 400000, 0,
	     {"Nhiệt độ lò không đều, không có dụng cụ đo nhiệt",
	      "Xếp gạch trong lò không đúng kỹ thuật"}},
	},
	.option = {
	    {"Bảo ôn nóc lò, trát kín khe hở và làm cửa lò cách nhiệt", "equipment", 0, "now", "",
	     "proposed", 14, 1, {{"energy", CR_FUEL, "", PER_FUEL, 0.10}},
	     1.0, 5, 0.12, 0, {8, 8, 7}},
	    {"Làm mái che sân phơi để gạch mộc đủ khô trước khi nung", "housekeeping", 0, "now", "",
	     "proposed", 9, 1, {{"energy", CR_FUEL, "", PER_FUEL, 0.05}},
	     1.8, 5, 0.12, 0, {9, 7, 6}},
	    {"Lắp can nhiệt đo nhiệt độ vùng nung và ghi nhật ký đốt lò", "process_control", 0,
	     "study", "", "proposed", 14, 1, {{"energy", CR_FUEL, "", PER_FUEL, 0.04}},
	     0.6, 5, 0.12, 0, {7, 8, 6}},
	    {"Chuyển sang lò tuynel nung liên tục", "technology", 0, "study", "", "proposed", 0, 0,
	     {{"energy", CR_FUEL, "", PER_FUEL, 0.35}},
	     4.0, 15, 0.12, 1, {5, 6, 9}},
	},
    },
    /* A sawmill that has just opened its assessment. */
    {
	.sector = "1610", .product = "sawn_timber", .size = "small", .carrier = "",
	.base_year = 2024,
	.year = 2025, .title = "Đánh giá SXSH cưa xẻ gỗ", .pilot = 0,
	.funding = "enterprise", .funding_note = "",
	.focus = "Khâu cưa xẻ: tỷ lệ thu hồi gỗ và điện năng máy cưa.",
	.status = "draft", .started_on = "2025-11-03", .doing = {1},
	.member = {
	    {"Hồ Văn Thắng", "leader", "Chủ cơ sở", "", "0297 3 890 606 (mẫu)"},
	    {"Ngô Thị Bích Ngọc", "member", "Thủ kho", "", ""},
	    EXPERT_VNCPC},
    },
};
/* clang-format on */

#define NDEFS (sizeof(defs) / sizeof(defs[0]))

/* A facility's base year: its output and its energy by carrier. */
struct base {
	int64_t facility_id, report_id;
	double out;
	int n;
	char carrier[4][32], unit[4][16];
	double qty[4];
	int elec, fuel; /* index in carrier[], or -1 */
};

struct run {
	struct db *db;
	char *err;
	size_t errsz;
	struct demo_assess_stats st;
};

static int
fail(struct run *g, const char *what)
{
	snprintf(g->err, g->errsz, "demo assessments, %s: %s", what, db_errmsg(g->db));
	return -1;
}

static int
run_stmt(struct run *g, struct db_stmt *st, const char *what)
{
	if (db_run(st) != DB_OK)
		return fail(g, what);
	return 0;
}

/* Seconds since 1970 of 02:00 UTC (09:00 in Vietnam) on ISO date d. */
static int64_t
epoch_of(const char *d)
{
	int y = 0, m = 0, day = 0;
	if (sscanf(d, "%4d-%2d-%2d", &y, &m, &day) != 3)
		return 0;
	/* Days from civil (proleptic Gregorian), March-based years. */
	y -= m <= 2;
	int64_t era = (y >= 0 ? y : y - 399) / 400;
	int64_t yoe = y - era * 400;
	int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + day - 1;
	int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	int64_t days = era * 146097 + doe - 719468;
	return days * 86400 + 2 * 3600;
}

/* The demo's price of electricity in year y, VND/kWh: 1,500 in 2012 rising
 * 3.5 % a year (demo.c), to the nearest 50. */
static double
elec_price(int y)
{
	return round(1500 * pow(1.035, y - 2012) / 50) * 50;
}

/* The demo's price of a fuel in year y, VND/t, to the nearest 10,000 (the
 * 2012 prices of demo.c); 0 when unknown. */
static double
fuel_price(const char *carrier, int y)
{
	static const struct {
		const char *code;
		double vnd;
	} p[] = {{"do", 18e6},	       {"fo", 14e6},	{"coal_3_4", 2.8e6},
		 {"rice_husk", 0.7e6}, {"wood", 1.1e6}, {"bagasse", 0.35e6}};
	for (size_t i = 0; i < sizeof(p) / sizeof(p[0]); i++)
		if (strcmp(p[i].code, carrier) == 0)
			return round(p[i].vnd * pow(1.035, y - 2012) / 10000) * 10000;
	return 0;
}

/* Rounds a quantity as a person would write it. */
static double
round_qty(double v)
{
	double a = fabs(v);
	if (a >= 100)
		return round(v);
	if (a >= 1)
		return round(v * 10) / 10;
	return round(v * 1000) / 1000;
}

/* Finds the facility of d and reads its base year; 1 found, 0 none, -1 error. */
static int
pick(struct run *g, const struct assess_def *d, struct base *b)
{
	memset(b, 0, sizeof(*b));
	b->elec = b->fuel = -1;
	struct db_stmt *st = db_stmt(g->db, STMT_DEMO_ASSESS_PICK);
	db_bind_text(st, 1, d->sector);
	db_bind_text(st, 2, d->product);
	db_bind_text(st, 3, d->size);
	db_bind_int(st, 4, d->base_year);
	db_bind_int(st, 5, d->later_year);
	db_bind_text(st, 6, d->carrier);
	db_bind_double(st, 7, d->min_out);
	int rc = db_step(st);
	if (rc == DB_ROW) {
		b->facility_id = db_col_int(st, 0);
		b->report_id = db_col_int(st, 1);
	}
	db_reset(st);
	if (rc == DB_DONE)
		return 0;
	if (rc != DB_ROW)
		return fail(g, "facility");

	st = db_stmt(g->db, STMT_DEMO_ASSESS_OUTPUT);
	db_bind_int(st, 1, b->report_id);
	db_bind_text(st, 2, d->product);
	rc = db_step(st);
	if (rc == DB_ROW)
		b->out = db_col_double(st, 0);
	db_reset(st);
	if (rc != DB_ROW)
		return fail(g, "output");

	st = db_stmt(g->db, STMT_DEMO_ASSESS_ENERGY);
	db_bind_int(st, 1, b->report_id);
	while ((rc = db_step(st)) == DB_ROW && b->n < 4) {
		snprintf(b->carrier[b->n], sizeof(b->carrier[0]), "%s", db_col_text(st, 0));
		snprintf(b->unit[b->n], sizeof(b->unit[0]), "%s", db_col_text(st, 1));
		b->qty[b->n] = db_col_double(st, 2);
		if (strcmp(b->carrier[b->n], "electricity") == 0)
			b->elec = b->n;
		else if (b->fuel < 0)
			b->fuel = b->n;
		b->n++;
	}
	db_reset(st);
	if (rc != DB_ROW && rc != DB_DONE)
		return fail(g, "energy");
	return b->out > 0 ? 1 : 0;
}

/* The base quantity a basis refers to; 0 when the facility has none. */
static double
base_of(const struct base *b, enum basis basis)
{
	switch (basis) {
	case PER_OUT:
		return b->out;
	case PER_ELEC:
		return b->elec >= 0 ? b->qty[b->elec] : 0;
	case PER_FUEL:
		return b->fuel >= 0 ? b->qty[b->fuel] : 0;
	}
	return 0;
}

/*
 * The title of option o at facility b: "{kW}" becomes the rated power of
 * the polisher's motor, the standard size nearest to the power that draws
 * 65 % of the base year's electricity in 3,000 hours at 75 % load.
 */
static void
option_title(const struct option_def *o, const struct base *b, char *out, size_t n)
{
	static const double sizes[] = {7.5, 11, 15, 18.5, 22,  30,  37,
				       45,  55, 75, 90,	  110, 132, 160};
	const char *at = strstr(o->title, "{kW}");
	if (at == NULL) {
		snprintf(out, n, "%s", o->title);
		return;
	}
	double kw = 0.65 * base_of(b, PER_ELEC) / (3000 * 0.75), best = sizes[0];
	for (size_t i = 1; i < sizeof(sizes) / sizeof(sizes[0]); i++)
		if (fabs(sizes[i] - kw) < fabs(best - kw))
			best = sizes[i];
	char kws[16];
	fmt_num(kws, sizeof(kws), best, best == floor(best) ? 0 : 1, LANG_VI);
	snprintf(out, n, "%.*s%s%s", (int)(at - o->title), o->title, kws, at + 4);
}

/* Index in b of a carrier role, or -1. */
static int
carrier_idx(const struct base *b, enum carrier_of c)
{
	return c == CR_ELEC ? b->elec : c == CR_FUEL ? b->fuel : -1;
}

static int
insert_assessment(struct run *g, const struct assess_def *d, const struct base *b, int64_t *id)
{
	struct db_stmt *st = db_stmt(g->db, STMT_DEMO_ASSESS_INSERT);
	db_bind_int(st, 1, b->facility_id);
	db_bind_int(st, 2, d->year);
	db_bind_text(st, 3, d->title);
	db_bind_int(st, 4, d->pilot);
	db_bind_text(st, 5, d->funding);
	db_bind_text(st, 6, d->funding_note);
	db_bind_text(st, 7, d->started_on);
	db_bind_text(st, 8, d->focus);
	db_bind_text(st, 9, "year");
	db_bind_text(st, 10, d->status);
	db_bind_text(st, 11, d->submitted_on);
	db_bind_text(st, 12, d->accepted_on);
	db_bind_text(st, 13, d->review_note);
	if (run_stmt(g, st, "assessment") < 0)
		return -1;
	*id = db_last_id(g->db);
	g->st.assessments++;
	return 0;
}

static int
insert_team(struct run *g, const struct assess_def *d, int64_t id)
{
	for (int i = 0; i < MAX_MEMBERS && d->member[i].name != NULL; i++) {
		const struct member_def *m = &d->member[i];
		struct db_stmt *st = db_stmt(g->db, STMT_DEMO_ASSESS_MEMBER_INSERT);
		db_bind_int(st, 1, id);
		db_bind_text(st, 2, m->name);
		db_bind_text(st, 3, m->role);
		db_bind_text(st, 4, m->position);
		db_bind_text(st, 5, m->org);
		db_bind_text(st, 6, m->contact);
		if (run_stmt(g, st, "member") < 0)
			return -1;
	}
	return 0;
}

/* Tasks 1..done done, those of doing in progress, the rest not started (no row). */
static int
insert_tasks(struct run *g, const struct assess_def *d, int64_t id)
{
	int64_t t0 = epoch_of(d->started_on);
	for (int task = 1; task <= 18; task++) {
		const char *state = task <= d->done ? "done" : NULL;
		for (int k = 0; k < 2; k++)
			if (d->doing[k] == task)
				state = "doing";
		if (state == NULL)
			continue;
		/* The leader forms the team; the expert leads the analysis and the
		 * options; the enterprise staff carry out and sustain them. */
		const char *who = d->member[0].name;
		if (task >= 4 && task <= 13 && d->member[2].name != NULL)
			who = d->member[task % 2 == 0 ? 1 : 2].name;
		else if (task >= 14 && d->member[1].name != NULL)
			who = d->member[1].name;
		struct db_stmt *st = db_stmt(g->db, STMT_DEMO_ASSESS_TASK_INSERT);
		db_bind_int(st, 1, id);
		db_bind_int(st, 2, task);
		db_bind_text(st, 3, state);
		db_bind_text(st, 4, who);
		db_bind_text(st, 5,
			     strcmp(state, "doing") == 0 && d->review_note != NULL
				 ? "Đo lại theo ý kiến của Sở Công Thương"
				 : "");
		db_bind_null(st, 6);
		db_bind_int(st, 7, t0 + (int64_t)task * 9 * 86400);
		if (run_stmt(g, st, "task") < 0)
			return -1;
	}
	return 0;
}

/*
 * Whether line i of d is an input that an earlier step's output of the same
 * name already feeds (its to_step): the process model counts a fed flow as
 * the target step's input, so the line is not written a second time.
 */
static int
fed_twice(const struct assess_def *d, int i)
{
	const struct line_def *l = &d->line[i];
	if (strcmp(l->dir, "in") != 0)
		return 0;
	for (int j = 0; j < MAX_LINES && d->line[j].name != NULL; j++)
		if (d->line[j].to_step == l->step && strcmp(d->line[j].name, l->name) == 0)
			return 1;
	return 0;
}

/* Process steps and their lines; item[i] gets line i's id (0 when skipped),
 * cause[i][k] its causes'. */
static int
insert_process(struct run *g, const struct assess_def *d, const struct base *b, int64_t id,
	       int64_t item[MAX_LINES], int64_t cause[MAX_LINES][2])
{
	int64_t step[MAX_STEPS] = {0};
	for (int s = 0; s < MAX_STEPS && d->step[s][0] != NULL; s++) {
		struct db_stmt *st = db_stmt(g->db, STMT_DEMO_ASSESS_STEP_INSERT);
		db_bind_int(st, 1, id);
		db_bind_int(st, 2, s + 1);
		db_bind_text(st, 3, d->step[s][0]);
		db_bind_text(st, 4, d->step[s][1]);
		if (run_stmt(g, st, "process step") < 0)
			return -1;
		step[s] = db_last_id(g->db);
	}
	for (int i = 0; i < MAX_LINES; i++) {
		const struct line_def *l = &d->line[i];
		item[i] = cause[i][0] = cause[i][1] = 0;
		if (l->name == NULL)
			break;
		int c = carrier_idx(b, l->carrier);
		if (l->carrier != CR_NONE && c < 0)
			continue; /* this facility does not use that carrier */
		if (fed_twice(d, i))
			continue; /* the step before feeds it: it is that step's output */
		double q = round_qty(l->v * base_of(b, l->basis));
		struct db_stmt *st = db_stmt(g->db, STMT_DEMO_ASSESS_ITEM_INSERT);
		db_bind_int(st, 1, step[l->step - 1]);
		db_bind_text(st, 2, l->dir);
		db_bind_text(st, 3, l->stream);
		db_bind_text(st, 4, l->name);
		db_bind_text(st, 5, c >= 0 ? b->carrier[c] : NULL);
		db_bind_double(st, 6, q);
		db_bind_text(st, 7, c >= 0 ? b->unit[c] : l->unit);
		if (l->to_step > 0)
			db_bind_int(st, 8, step[l->to_step - 1]);
		else
			db_bind_null(st, 8);
		db_bind_opt_double(st, 9, round(q * l->lost / 1000) * 1000, l->lost == 0);
		db_bind_opt_double(st, 10, round(q * l->treat / 1000) * 1000, l->treat == 0);
		db_bind_text(st, 11, l->note != NULL ? l->note : "");
		if (run_stmt(g, st, "balance line") < 0)
			return -1;
		item[i] = db_last_id(g->db);
		for (int k = 0; k < 2 && l->cause[k] != NULL; k++) {
			st = db_stmt(g->db, STMT_DEMO_ASSESS_CAUSE_INSERT);
			db_bind_int(st, 1, item[i]);
			db_bind_text(st, 2, l->cause[k]);
			if (run_stmt(g, st, "waste cause") < 0)
				return -1;
			cause[i][k] = db_last_id(g->db);
		}
	}
	return 0;
}

/* An option's effects resolved for facility b in year y. */
struct effects {
	int n;
	double qty[MAX_EFFECTS], price[MAX_EFFECTS];
	int carrier[MAX_EFFECTS]; /* index in b, or -1 */
	double saving;		  /* VND per year */
	char desc[600];
};

/* 0, or -1 when an effect needs a carrier the facility does not use. */
static int
effects_of(const struct option_def *o, const struct base *b, int y, struct effects *e)
{
	memset(e, 0, sizeof(*e));
	size_t len = 0;
	for (int k = 0; k < MAX_EFFECTS && o->eff[k].stream != NULL; k++) {
		const struct effect_def *x = &o->eff[k];
		int c = carrier_idx(b, x->carrier);
		if (x->carrier != CR_NONE && c < 0)
			return -1;
		double q = round_qty(x->v * base_of(b, x->basis));
		double p = x->price;
		char qs[48], ps[48];
		const char *what = x->price_what;
		char pw[96];
		if (c >= 0) {
			p = c == b->elec ? elec_price(y) : fuel_price(b->carrier[c], y);
			snprintf(pw, sizeof(pw), "%s đ/%s", fmt_num(ps, sizeof(ps), p, 0, LANG_VI),
				 c == b->elec ? "kWh" : "t");
			what = pw;
		}
		e->qty[e->n] = q;
		e->price[e->n] = p;
		e->carrier[e->n] = c;
		e->saving += q * p;
		fmt_num(qs, sizeof(qs), q, q >= 100 ? 0 : 1, LANG_VI);
		int w = snprintf(e->desc + len, sizeof(e->desc) - len, "%s%s %s %s/năm × %s",
				 e->n > 0 ? "; " : "",
				 strcmp(x->stream, "waste") == 0 ? "Giảm" : "Tiết kiệm", qs,
				 c >= 0 ? (c == b->elec ? "kWh" : "t")
					: (strcmp(x->unit, "m3") == 0 ? "m³" : x->unit),
				 what != NULL ? what : "");
		if (w > 0 && (size_t)w < sizeof(e->desc) - len)
			len += (size_t)w;
		e->n++;
	}
	e->saving = round(e->saving / 1000) * 1000;
	return 0;
}

static int
insert_options(struct run *g, const struct assess_def *d, const struct base *b, int64_t id,
	       const int64_t item[MAX_LINES], const int64_t cause[MAX_LINES][2])
{
	int seq = 0;
	for (int i = 0; i < MAX_OPTIONS && d->option[i].title != NULL; i++) {
		const struct option_def *o = &d->option[i];
		struct effects e;
		if (effects_of(o, b, d->year, &e) < 0)
			continue;
		int finance = o->payback > 0 && e.saving > 0;
		/* To a million VND, or to 100,000 below ten million. */
		double capex = finance ? o->payback * e.saving : 0;
		double step = capex < 1e7 ? 1e5 : 1e6;
		capex = round(capex / step) * step;
		if (finance && capex < 1e5)
			capex = 1e5;
		char flows[FLOWS_MAX];
		flows[0] = '\0';
		if (finance && o->flows) {
			/* Half the saving while it is commissioned, then all of it. */
			size_t len = 0;
			for (int yr = 1; yr <= o->life; yr++) {
				int w = snprintf(
				    flows + len, sizeof(flows) - len, "%s%.0f", yr == 1 ? "[" : ",",
				    yr == 1 ? round(e.saving / 2000) * 1000 : e.saving);
				if (w > 0 && (size_t)w < sizeof(flows) - len)
					len += (size_t)w;
			}
			snprintf(flows + len, sizeof(flows) - len, "]");
		}
		char title[320];
		option_title(o, b, title, sizeof(title));
		struct db_stmt *st = db_stmt(g->db, STMT_DEMO_ASSESS_OPTION_INSERT);
		db_bind_int(st, 1, id);
		db_bind_int(st, 2, ++seq);
		db_bind_text(st, 3, title);
		db_bind_text(st, 4, e.desc);
		if (o->line > 0 && item[o->line - 1] != 0)
			db_bind_int(st, 5, item[o->line - 1]);
		else
			db_bind_null(st, 5);
		if (o->line > 0 && o->cause > 0 && cause[o->line - 1][o->cause - 1] != 0)
			db_bind_int(st, 6, cause[o->line - 1][o->cause - 1]);
		else
			db_bind_null(st, 6);
		db_bind_text(st, 7, o->kind);
		db_bind_int(st, 8, o->offsite);
		db_bind_text(st, 9, o->triage);
		db_bind_text(st, 10, o->reject != NULL ? o->reject : "");
		db_bind_text(st, 11, o->status);
		db_bind_double(st, 12, capex);
		db_bind_opt_double(st, 13, e.saving, !finance || o->flows);
		if (finance)
			db_bind_int(st, 14, o->life);
		else
			db_bind_null(st, 14);
		db_bind_text(st, 15, flows[0] != '\0' ? flows : NULL);
		db_bind_double(st, 16, o->rate);
		db_bind_null(st, 17);
		for (int k = 0; k < 3; k++)
			db_bind_double(st, 18 + k, o->score[k]);
		db_bind_text(st, 21, o->implemented_on);
		db_bind_opt_double(st, 22, round(capex * o->actual / step) * step,
				   o->implemented_on == NULL);
		if (run_stmt(g, st, "option") < 0)
			return -1;
		int64_t oid = db_last_id(g->db);
		g->st.options++;
		for (int k = 0; k < e.n; k++) {
			const struct effect_def *x = &o->eff[k];
			int c = e.carrier[k];
			st = db_stmt(g->db, STMT_DEMO_ASSESS_EFFECT_INSERT);
			db_bind_int(st, 1, oid);
			db_bind_text(st, 2, x->stream);
			db_bind_text(st, 3, c >= 0 ? b->carrier[c] : NULL);
			db_bind_text(st, 4, x->name);
			db_bind_double(st, 5, e.qty[k]);
			db_bind_text(st, 6, c >= 0 ? b->unit[c] : x->unit);
			if (run_stmt(g, st, "option effect") < 0)
				return -1;
		}
	}
	return 0;
}

static int
insert_event(struct run *g, int64_t id, const char *on, const char *actor, const char *action,
	     const char *note)
{
	if (on == NULL)
		return 0;
	struct db_stmt *st = db_stmt(g->db, STMT_DEMO_ASSESS_EVENT_INSERT);
	db_bind_int(st, 1, id);
	db_bind_int(st, 2, epoch_of(on));
	db_bind_text(st, 3, actor);
	db_bind_text(st, 4, action);
	db_bind_text(st, 5, note != NULL ? note : "");
	return run_stmt(g, st, "history");
}

/* The history of the moves that brought d to its state. */
static int
insert_history(struct run *g, const struct assess_def *d, int64_t id)
{
	const char *leader = d->member[0].name;
	if (strcmp(d->status, "draft") == 0)
		return 0;
	if (insert_event(g, id, d->started_on, leader, "start", NULL) < 0 ||
	    insert_event(g, id, d->submitted_on, leader, "submit", NULL) < 0 ||
	    insert_event(g, id, d->returned_on, PROVINCE, "return", d->review_note) < 0 ||
	    insert_event(g, id, d->accepted_on, PROVINCE, "accept", NULL) < 0 ||
	    insert_event(g, id, d->sustained_on, PROVINCE, "sustain", NULL) < 0)
		return -1;
	return 0;
}

/* Share of a year's energy an option implemented on date `on` saves in year y. */
static double
year_share(const char *on, int y)
{
	int oy = 0, om = 0, od = 0;
	if (on == NULL || sscanf(on, "%4d-%2d-%2d", &oy, &om, &od) != 3 || y < oy)
		return 0;
	return y > oy ? 1 : (12 - om) / 12.0;
}

/*
 * Rewrites the energy of facility b's reports from the first implementation
 * on: per carrier, output x the base year's energy per unit x (1 - the
 * implemented options' share), within 1 % (a fixed pattern by year).
 */
static int
apply_savings(struct run *g, const struct assess_def *d, const struct base *b)
{
	static const double wobble[5] = {0.006, -0.004, 0.009, -0.007, 0.002};
	int first = 0;
	for (int i = 0; i < MAX_OPTIONS && d->option[i].title != NULL; i++) {
		const char *on = d->option[i].implemented_on;
		int y;
		if (on != NULL && sscanf(on, "%4d", &y) == 1 && (first == 0 || y < first))
			first = y;
	}
	if (first == 0)
		return 0;
	/* The reports to rewrite, read first: the updates run on the same connection. */
	int64_t rid[YEARS_MAX];
	int year[YEARS_MAX], n = 0, rc;
	double out[YEARS_MAX];
	struct db_stmt *st = db_stmt(g->db, STMT_DEMO_ASSESS_REPORTS);
	db_bind_int(st, 1, b->facility_id);
	db_bind_int(st, 2, first);
	db_bind_text(st, 3, d->product);
	while ((rc = db_step(st)) == DB_ROW && n < YEARS_MAX) {
		rid[n] = db_col_int(st, 0);
		year[n] = (int)db_col_int(st, 1);
		out[n] = db_col_is_null(st, 2) ? 0 : db_col_double(st, 2);
		n++;
	}
	db_reset(st);
	if (rc != DB_ROW && rc != DB_DONE)
		return fail(g, "reports");
	for (int r = 0; r < n; r++) {
		if (!(out[r] > 0))
			continue;
		/* The report's present energy by carrier. */
		double now[4] = {0};
		st = db_stmt(g->db, STMT_DEMO_ASSESS_ENERGY);
		db_bind_int(st, 1, rid[r]);
		while ((rc = db_step(st)) == DB_ROW)
			for (int c = 0; c < b->n; c++)
				if (strcmp(db_col_text(st, 0), b->carrier[c]) == 0 &&
				    strcmp(db_col_text(st, 1), b->unit[c]) == 0)
					now[c] += db_col_double(st, 2);
		db_reset(st);
		if (rc != DB_DONE)
			return fail(g, "report energy");
		for (int c = 0; c < b->n; c++) {
			if (!(now[c] > 0))
				continue;
			double saved = 0;
			for (int i = 0; i < MAX_OPTIONS && d->option[i].title != NULL; i++) {
				const struct option_def *o = &d->option[i];
				if (o->implemented_on == NULL)
					continue;
				for (int k = 0; k < MAX_EFFECTS && o->eff[k].stream != NULL; k++)
					if (carrier_idx(b, o->eff[k].carrier) == c)
						saved += o->eff[k].v *
							 year_share(o->implemented_on, year[r]);
			}
			double target =
			    out[r] * b->qty[c] / b->out * (1 - saved) * (1 + wobble[year[r] % 5]);
			st = db_stmt(g->db, STMT_DEMO_ASSESS_ENERGY_SCALE);
			db_bind_int(st, 1, rid[r]);
			db_bind_text(st, 2, b->carrier[c]);
			db_bind_double(st, 3, target / now[c]);
			db_bind_double(st, 4, strcmp(b->unit[c], "kWh") == 0 ? 1 : 1000);
			if (run_stmt(g, st, "report energy") < 0)
				return -1;
		}
	}
	return 0;
}

int
demo_assess_generate(struct db *db, struct demo_assess_stats *stats, char *err, size_t errsz)
{
	struct run g = {.db = db, .err = err, .errsz = errsz};
	for (size_t i = 0; i < NDEFS; i++) {
		const struct assess_def *d = &defs[i];
		struct base b;
		int found = pick(&g, d, &b);
		if (found < 0)
			return -1;
		if (found == 0)
			continue; /* no such facility at this size */
		int64_t id, item[MAX_LINES];
		int64_t cause[MAX_LINES][2];
		if (insert_assessment(&g, d, &b, &id) < 0 || insert_team(&g, d, id) < 0 ||
		    insert_tasks(&g, d, id) < 0 || insert_process(&g, d, &b, id, item, cause) < 0 ||
		    insert_options(&g, d, &b, id, item, cause) < 0 ||
		    insert_history(&g, d, id) < 0 || apply_savings(&g, d, &b) < 0)
			return -1;
	}
	if (demo_assess_bind_experts(db, EXPERT_EMAIL) < 0)
		return fail(&g, "expert");
	if (stats != NULL)
		*stats = g.st;
	return 0;
}

int
demo_assess_delete(struct db *db)
{
	if (db_run(db_stmt(db, STMT_DEMO_ASSESS_DELETE_EVENTS)) != DB_OK ||
	    db_run(db_stmt(db, STMT_DEMO_ASSESS_DELETE)) != DB_OK)
		return -1;
	return 0;
}

int
demo_assess_bind_experts(struct db *db, const char *email)
{
	struct db_stmt *st = db_stmt(db, STMT_DEMO_ASSESS_EXPERT_BIND);
	db_bind_text(st, 1, email);
	return db_run(st) == DB_OK ? 0 : -1;
}
