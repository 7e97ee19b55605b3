/*
 * The workflow fixture (see wffix.h).  Inspection queries use a
 * connection of their own (tu_query_text), so the tests see what was
 * committed and nothing of the connection under test.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "fixture.h"
#include "testutil.h"
#include "wffix.h"

const struct principal wfx_who[WFX__MAX] = {
    [WFX_ADMIN] = {1, ROLE_ADMIN, 0, 0, "admin@test"},
    [WFX_PROVINCE] = {2, ROLE_PROVINCE, 0, 0, "province@test"},
    [WFX_DISTRICT_A] = {3, ROLE_DISTRICT, WFX_UNIT_A, 0, "district-a@test"},
    [WFX_DISTRICT_B] = {4, ROLE_DISTRICT, WFX_UNIT_B, 0, "district-b@test"},
    [WFX_ENT1] = {5, ROLE_ENTERPRISE, 0, 1, "ent1@test"},
    [WFX_ENT2] = {6, ROLE_ENTERPRISE, 0, 0, "ent2@test"},
    [WFX_EXPERT] = {7, ROLE_EXPERT, 0, 0, "expert@test"},
};

static const char fixture_sql[] =
    "INSERT INTO admin_unit(id, code, name, level, kind, parent_id, source, reliability) VALUES"
    " (9001,'t-province','Tỉnh T','province','tỉnh',NULL,'fixture','L'),"
    " (9002,'t-a','Huyện A','district','huyện',9001,'fixture','L'),"
    " (9003,'t-b','Huyện B','district','huyện',9001,'fixture','L'),"
    " (9004,'t-a1','Xã A1','commune','xã',9002,'fixture','L');"
    "INSERT INTO facility(id, code, tax_code, name, name_key, sector_code, admin_unit_id,"
    " ownership, size) VALUES"
    " (1,'F1','0100109106','Cơ sở Một','co so mot','10',9004,'private','small'),"
    " (2,'F2',NULL,'Cơ sở Hai','co so hai','10',9003,'private','small'),"
    " (3,'F3',NULL,'Cơ sở Ba','co so ba','10',9002,'private','medium');"
    "INSERT INTO app_user(id, email, role, admin_unit_id, facility_id, created_at) VALUES"
    " (1,'admin@test','admin',NULL,NULL,'2025-01-01'),"
    " (2,'province@test','province',NULL,NULL,'2025-01-01'),"
    " (3,'district-a@test','district',9002,NULL,'2025-01-01'),"
    " (4,'district-b@test','district',9003,NULL,'2025-01-01'),"
    " (5,'ent1@test','enterprise',NULL,1,'2025-01-01'),"
    " (6,'ent2@test','enterprise',NULL,NULL,'2025-01-01'),"
    " (7,'expert@test','expert',NULL,NULL,'2025-01-01');"
    "INSERT INTO facility_member(user_id, facility_id, status, claimed_at) VALUES"
    " (6,3,'claimed','2025-01-02');";

struct db *
wfx_new(const char *name)
{
	return fx_db_new(name, fixture_sql);
}

char *
wfx_text(const char *name, const char *sql)
{
	return tu_query_text(name, sql);
}

long long
wfx_int(const char *name, const char *sql)
{
	char *t = wfx_text(name, sql);
	long long v = strtoll(t, NULL, 10);
	free(t);
	return v;
}
