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
    [ROLE_ADMIN] = {"admin", "Quản trị hệ thống", "Administrator"},
    [ROLE_PROVINCE] = {"province", "Sở Công Thương", "Department of Industry and Trade"},
    [ROLE_DISTRICT] = {"district", "Cấp huyện", "District"},
    [ROLE_ENTERPRISE] = {"enterprise", "Doanh nghiệp", "Enterprise"},
    [ROLE_EXPERT] = {"expert", "Chuyên gia SXSH", "CP expert"},
};

const struct name names_state[WF_STATE__MAX] = {
    [WF_DRAFT] = {"draft", "Nháp", "Draft"},
    [WF_SUBMITTED] = {"submitted", "Đã nộp, chờ huyện xem xét", "Submitted, awaiting the district"},
    [WF_FORWARDED] = {"forwarded", "Huyện đã duyệt, chờ Sở",
		      "Approved by the district, awaiting the province"},
    [WF_RETURNED] = {"returned", "Trả lại để chỉnh sửa", "Returned for correction"},
    [WF_ACCEPTED] = {"accepted", "Đã chấp nhận", "Accepted"},
};

const enum wf_state names_rstatus_state[RSTATUS__MAX] = {
    [RSTATUS_DRAFT] = WF_DRAFT,
    [RSTATUS_SUBMITTED] = WF_SUBMITTED,
    [RSTATUS_RETURNED] = WF_RETURNED,
    [RSTATUS_ACCEPTED] = WF_ACCEPTED,
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
