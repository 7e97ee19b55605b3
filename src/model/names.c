/*
 * The fixed code lists (see names.h).  The ownership and size codes match
 * the CHECK constraints of migrations/sqlite/0001_init.sql; the role codes are
 * the users.role values and the spelling the scoped statements compare.
 */
#include "model/names.h"

#include <string.h>

const struct name names_ownership[OWN__MAX] = {
    [OWN_STATE] = {"state", "Nhà nước", "State-owned"},
    [OWN_PRIVATE] = {"private", "Tư nhân", "Private"},
    [OWN_FDI] = {"fdi", "Vốn đầu tư nước ngoài", "Foreign-invested"},
    [OWN_HOUSEHOLD] = {"household", "Hộ kinh doanh", "Household business"},
    [OWN_COOPERATIVE] = {"cooperative", "Hợp tác xã", "Cooperative"},
};

const struct name names_size[SIZE__MAX] = {
    [SIZE_MICRO] = {"micro", "Siêu nhỏ", "Micro"},
    [SIZE_SMALL] = {"small", "Nhỏ", "Small"},
    [SIZE_MEDIUM] = {"medium", "Vừa", "Medium"},
    [SIZE_LARGE] = {"large", "Lớn", "Large"},
};

const struct name names_role[ROLE__MAX] = {
    [ROLE_ADMIN] = {"admin", "Quản trị", "Administrator"},
    [ROLE_PROVINCE] = {"province", "Cán bộ Sở", "Province staff"},
    [ROLE_DISTRICT] = {"district", "Cán bộ huyện", "District staff"},
    [ROLE_ENTERPRISE] = {"enterprise", "Doanh nghiệp", "Enterprise"},
    [ROLE_EXPERT] = {"expert", "Chuyên gia", "CP expert"},
};

const struct name names_state[WF_STATE__MAX] = {
    [WF_DRAFT] = {"draft", "Nháp", "Draft"},
    [WF_SUBMITTED] = {"submitted", "Đã nộp, chờ huyện xem xét", "Submitted, awaiting the district"},
    [WF_FORWARDED] = {"forwarded", "Huyện đã duyệt, chờ Sở",
		      "Approved by the district, awaiting the province"},
    [WF_RETURNED] = {"returned", "Trả lại để chỉnh sửa", "Returned for correction"},
    [WF_ACCEPTED] = {"accepted", "Đã chấp nhận", "Accepted"},
    [WF_IN_PROGRESS] = {"in_progress", "Đang thực hiện", "In progress"},
    [WF_SUSTAINING] = {"sustaining", "Duy trì", "Sustaining"},
};

const enum wf_state names_rstatus_state[RSTATUS__MAX] = {
    [RSTATUS_DRAFT] = WF_DRAFT,
    [RSTATUS_SUBMITTED] = WF_SUBMITTED,
    [RSTATUS_RETURNED] = WF_RETURNED,
    [RSTATUS_ACCEPTED] = WF_ACCEPTED,
};

/* Every literal action of audit_write and doc_audit's "KIND.ACTION". */
const struct name names_action[] = {
    {"login", "Đăng nhập", "Sign-in"},
    {"login.fail", "Đăng nhập sai", "Failed sign-in"},
    {"logout", "Đăng xuất", "Sign-out"},
    {"user.create", "Tạo tài khoản", "Account created"},
    {"user.update", "Sửa tài khoản", "Account changed"},
    {"user.disable", "Khóa tài khoản", "Account disabled"},
    {"user.enable", "Mở khóa tài khoản", "Account enabled"},
    {"user.password", "Đặt lại mật khẩu", "Password reset"},
    {"user.facility", "Gắn tài khoản với cơ sở", "Account linked to a facility"},
    {"user.notices", "Bật/tắt thông báo qua e-mail", "E-mail notices turned on or off"},
    {"apitoken.create", "Tạo khóa API", "API key created"},
    {"apitoken.revoke", "Thu hồi khóa API", "API key revoked"},
    {"facility.update", "Sửa hồ sơ cơ sở", "Facility profile changed"},
    {"facility.move", "Chuyển đơn vị hành chính của cơ sở", "Facility moved to another unit"},
    {"facility_member.claim", "Xin quyền quản lý cơ sở", "Facility claimed"},
    {"facility_member.confirm", "Xác nhận quyền quản lý cơ sở", "Facility claim confirmed"},
    {"facility_member.reject", "Từ chối quyền quản lý cơ sở", "Facility claim rejected"},
    {"facility_member.assign", "Giao cơ sở cho tài khoản", "Facility assigned to an account"},
    {"report.create", "Tạo báo cáo", "Report created"},
    {"report.update", "Sửa báo cáo", "Report edited"},
    {"report.submit", "Nộp báo cáo", "Report submitted"},
    {"report.forward", "Huyện chuyển báo cáo lên Sở", "Report forwarded to the province"},
    {"report.return", "Trả lại báo cáo", "Report returned"},
    {"report.accept", "Chấp nhận báo cáo", "Report accepted"},
    {"report.reopen", "Mở lại báo cáo", "Report reopened"},
    {"registration.create", "Tạo đăng ký", "Registration created"},
    {"registration.update", "Sửa đăng ký", "Registration edited"},
    {"registration.submit", "Nộp đăng ký", "Registration submitted"},
    {"registration.forward", "Huyện chuyển đăng ký lên Sở",
     "Registration forwarded to the province"},
    {"registration.return", "Trả lại đăng ký", "Registration returned"},
    {"registration.accept", "Chấp nhận đăng ký", "Registration accepted"},
    {"registration.reopen", "Mở lại đăng ký", "Registration reopened"},
    {"attachment.add", "Đính kèm tệp", "File attached"},
    {"attachment.delete", "Xóa tệp đính kèm", "Attached file deleted"},
    {"deadline.set", "Đặt hạn nộp", "Deadline set"},
    {"campaign.open", "Mở đợt khảo sát", "Campaign opened"},
    {"campaign.close", "Đóng đợt khảo sát", "Campaign closed"},
    /* -- assessments (model/assess/) -- */
    {"assessment.create", "Mở đánh giá SXSH", "CP assessment opened"},
    {"assessment.update", "Sửa thông tin đánh giá", "Assessment details edited"},
    {"assessment.start", "Bắt đầu đánh giá", "Assessment started"},
    {"assessment.submit", "Nộp báo cáo đánh giá", "Assessment report submitted"},
    {"assessment.return", "Trả lại báo cáo đánh giá", "Assessment report returned"},
    {"assessment.accept", "Chấp nhận báo cáo đánh giá", "Assessment report accepted"},
    {"assessment.reopen", "Mở lại đánh giá", "Assessment reopened"},
    {"assessment.sustain", "Chuyển đánh giá sang duy trì", "Assessment moved to sustaining"},
    {"assessment.member_add", "Thêm thành viên nhóm SXSH", "Team member added"},
    {"assessment.member_remove", "Bớt thành viên nhóm SXSH", "Team member removed"},
    {"assessment.task", "Cập nhật nhiệm vụ đánh giá", "Assessment task updated"},
    {"assessment.file_add", "Đính kèm tệp vào đánh giá", "File attached to an assessment"},
    {"assessment.file_delete", "Xóa tệp của đánh giá", "Assessment file deleted"},
    {"assessment.publish", "Công bố điển hình", "Case study published"},
    {"assessment.unpublish", "Thôi công bố điển hình", "Case study withdrawn"},
    {"assessment.process", "Sửa công đoạn sản xuất", "Process steps edited"},
    {"assessment.balance", "Sửa cân bằng vật liệu, năng lượng", "Balance edited"},
    {"cp_option.create", "Thêm giải pháp SXSH", "CP option added"},
    {"cp_option.update", "Sửa giải pháp SXSH", "CP option edited"},
    {"cp_option.delete", "Xóa giải pháp SXSH", "CP option deleted"},
    {"cp_option.status", "Cập nhật thực hiện giải pháp", "CP option implementation updated"},
};
const int names_action_n = (int)(sizeof(names_action) / sizeof(names_action[0]));

const struct name names_entity[] = {
    {"app_user", "Tài khoản", "Account"},
    {"facility", "Cơ sở", "Facility"},
    {"facility_member", "Quyền quản lý cơ sở", "Facility membership"},
    {"report", "Báo cáo", "Report"},
    {"registration", "Đăng ký", "Registration"},
    {"attachment", "Tệp đính kèm", "Attachment"},
    {"deadline", "Hạn nộp", "Deadline"},
    {"campaign", "Đợt khảo sát", "Survey campaign"},
    {"assessment", "Đánh giá SXSH", "CP assessment"},
    {"cp_option", "Giải pháp SXSH", "CP option"},
};

/* -- assessments (model/assess/) -- */
const struct name names_funding[NAMES_FUNDING_N] = {
    {"central", "Ngân sách trung ương", "Central budget"},
    {"provincial", "Ngân sách tỉnh", "Provincial budget"},
    {"district", "Ngân sách huyện, xã", "District or commune budget"},
    {"enterprise", "Doanh nghiệp tự đầu tư", "The enterprise"},
    {"international", "Tài trợ quốc tế", "International donor"},
    {"other", "Nguồn khác", "Other source"},
};
const struct name names_team_role[NAMES_TEAM_ROLE_N] = {
    {"leader", "Trưởng nhóm", "Team leader"},
    {"member", "Thành viên", "Member"},
    {"expert", "Chuyên gia tư vấn", "Consultant expert"},
};
const struct name names_task_state[NAMES_TASK_STATE_N] = {
    {"todo", "Chưa làm", "Not started"},
    {"doing", "Đang làm", "In progress"},
    {"done", "Đã xong", "Done"},
    {"skipped", "Bỏ qua", "Skipped"},
};
const struct name names_period[NAMES_PERIOD_N] = {
    {"batch", "Mẻ sản xuất", "Batch"},
    {"day", "Ngày", "Day"},
    {"month", "Tháng", "Month"},
    {"year", "Năm", "Year"},
};
const struct name names_stream[NAMES_STREAM_N] = {
    {"material", "Nguyên vật liệu", "Material"},
    {"energy", "Năng lượng", "Energy"},
    {"water", "Nước", "Water"},
    {"product", "Sản phẩm", "Product"},
    {"waste", "Chất thải", "Waste"},
    {"emission", "Khí thải", "Emission"},
};
/* DOMAIN.md §5: the eight CP techniques; the Vietnamese labels are its proposed translation. */
const struct name names_option_kind[NAMES_OPTION_KIND_N] = {
    {"housekeeping", "Quản lý nội vi", "Good housekeeping"},
    {"input_change", "Thay đổi nguyên liệu", "Input material change"},
    {"process_control", "Kiểm soát quá trình tốt hơn", "Better process control"},
    {"equipment", "Cải tiến thiết bị", "Equipment modification"},
    {"technology", "Đổi mới công nghệ", "Technology change"},
    {"onsite_recovery", "Thu hồi, tái sử dụng tại chỗ", "On-site recovery and reuse"},
    {"byproduct", "Sản xuất sản phẩm phụ hữu ích", "Useful by-products"},
    {"product", "Cải tiến sản phẩm", "Product modification"},
};
const struct name names_triage[NAMES_TRIAGE_N] = {
    {"now", "Thực hiện ngay", "Implement now"},
    {"study", "Cần nghiên cứu thêm", "Study further"},
    {"rejected", "Loại bỏ", "Rejected"},
};
const struct name names_option_status[NAMES_OPTION_STATUS_N] = {
    {"proposed", "Đề xuất", "Proposed"},
    {"planned", "Đã lên kế hoạch", "Planned"},
    {"in_progress", "Đang thực hiện", "In progress"},
    {"implemented", "Đã thực hiện", "Implemented"},
};
const int names_entity_n = (int)(sizeof(names_entity) / sizeof(names_entity[0]));

const struct name names_water[NAMES_WATER_N] = {
    {"tap", "Nước máy", "Tap water"},
    {"ground", "Nước ngầm", "Groundwater"},
    {"surface", "Nước mặt", "Surface water"},
    {"other", "Nguồn khác", "Other source"},
};

int
names_index(const struct name *t, int n, const char *code)
{
	if (code == NULL)
		return -1;
	for (int i = 0; i < n; i++)
		if (strcmp(t[i].code, code) == 0)
			return i;
	return -1;
}

const struct name *
names_find(const struct name *t, int n, const char *code)
{
	int i = names_index(t, n, code);
	return i < 0 ? NULL : &t[i];
}

const char *
names_label(const struct name *nm, int en)
{
	return en ? nm->name_en : nm->name_vi;
}

const char *
names_rstatus_code(int rs)
{
	if (rs < 0 || rs >= RSTATUS__MAX)
		return "";
	return names_state[names_rstatus_state[rs]].code;
}
