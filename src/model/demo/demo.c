/*
 * The demo province generator (demo.h).  A synthetic Kiên Giang: facility
 * counts per sector after DOMAIN.md §7 scaled to the requested size, spread
 * over the 15 district-level units by per-sector weights, with ownership and
 * size mixes in which households and micro units dominate; then, per
 * facility and year 2012-2025, a latent model of whether it reports, its CP
 * status (rising after 2014, stronger in some districts than others), its
 * production (a slow random walk) and its specific energy consumption
 * (spread around the sector's level; facilities applying CP save 3-12 %).
 *
 * Determinism: the sector/district assignment uses the random stream 0 of
 * the seed and facility i uses stream i, so every value depends only on the
 * seed, the facility count and the tables below; rows are written in a fixed
 * order with explicit facility and report ids.  The model's numbers (output
 * per size, energy per unit, prices) are plausible round figures for a demo,
 * not statistics; nothing legal lives here, the norms and factors are
 * reference data.
 */
#include "model/demo/demo.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/db.h"
#include "model/msg.h"
#include "model/calc/energy.h"
#include "model/demo/demo_assess.h"
#include "model/names.h"
#include "model/registry/refdata.h"
#include "util/alloc.h"
#include "util/fold.h"
#include "util/rng.h"

#define NYEARS (DEMO_LAST_YEAR - DEMO_FIRST_YEAR + 1)
/* The facility count the base counts below are given for. */
#define BASE_TOTAL DEMO_DEFAULT_FACILITIES

/* Ownership and size are enum val_ownership and enum val_size, with their
 * codes in names_ownership and names_size (model/names.h). */
/* The first words of a facility's name, by ownership. */
static const char *const own_name[OWN__MAX] = {"Công ty nhà nước mẫu", "Công ty TNHH mẫu",
					       "Công ty vốn nước ngoài mẫu", "Cơ sở mẫu",
					       "Hợp tác xã mẫu"};

/* Employees per size (Decree 80/2021/NĐ-CP bands for industry: micro up to
 * 10, small up to 100, medium up to 200). */
static const int emp_lo[SIZE__MAX] = {1, 11, 101, 201};
static const int emp_hi[SIZE__MAX] = {10, 100, 200, 1200};

/* --- energy carriers --- */

enum carrier { C_ELEC, C_DO, C_FO, C_COAL, C_HUSK, C_WOOD, C_BAGASSE, C__MAX };

struct carrier_prof {
	const char *code; /* carrier code of data/carriers.csv */
	const char *unit; /* the carrier's native unit */
	double gj;	  /* GJ per unit when the reference data has none; 0: it must */
	double vnd;	  /* price per unit in 2012, VND */
};

/* The heating values are read from the reference data (carrier_factor, see
 * lookup()), so SECs computed from it come out where the model puts them;
 * only bagasse, which has no factor there, uses 7.7 GJ/t as burnt wet (a
 * modelling assumption).  Prices are round demo figures. */
static const struct carrier_prof carriers[C__MAX] = {
    [C_ELEC] = {"electricity", "kWh", 0, 1500},
    [C_DO] = {"do", "t", 0, 18e6},
    [C_FO] = {"fo", "t", 0, 14e6},
    [C_COAL] = {"coal_3_4", "t", 0, 2.8e6},
    [C_HUSK] = {"rice_husk", "t", 0, 0.7e6},
    [C_WOOD] = {"wood", "t", 0, 1.1e6},
    [C_BAGASSE] = {"bagasse", "t", 7.7, 0.35e6},
};

/* --- districts --- */

/* District weight columns: which weights a sector spreads by. */
enum dw { DW_GENERAL, DW_COASTAL, DW_RICE, DW_SAUCE, DW_CEMENT, DW_SUGAR, DW__MAX };

struct district {
	const char *code; /* admin_unit code (docs/reference-data.md) */
	const char *name; /* for the synthetic address */
	double cp;	  /* how strongly CP took hold there (1 = average) */
	int w[DW__MAX];
};

#define NDISTRICTS 15
static const struct district districts[NDISTRICTS] = {
    /* code, name, cp, general, coastal, rice, sauce, cement, sugar */
    {"rach-gia", "Rạch Giá", 1.35, {16, 20, 5, 20, 0, 0}},
    {"ha-tien", "Hà Tiên", 1.10, {3, 5, 1, 8, 0, 0}},
    {"phu-quoc", "Phú Quốc", 1.30, {8, 12, 0, 40, 0, 0}},
    {"kien-luong", "Kiên Lương", 1.25, {5, 6, 4, 5, 1, 0}},
    {"hon-dat", "Hòn Đất", 0.95, {9, 6, 12, 5, 0, 1}},
    {"tan-hiep", "Tân Hiệp", 1.20, {8, 1, 18, 0, 0, 0}},
    {"chau-thanh", "Châu Thành", 1.00, {9, 5, 10, 3, 0, 0}},
    {"giong-rieng", "Giồng Riềng", 0.85, {9, 2, 14, 0, 0, 0}},
    {"go-quao", "Gò Quao", 0.80, {7, 2, 10, 0, 0, 0}},
    {"an-bien", "An Biên", 0.75, {6, 8, 5, 5, 0, 0}},
    {"an-minh", "An Minh", 0.65, {6, 8, 5, 5, 0, 0}},
    {"vinh-thuan", "Vĩnh Thuận", 0.70, {5, 2, 6, 0, 0, 0}},
    {"kien-hai", "Kiên Hải", 0.60, {1, 1, 0, 2, 0, 0}},
    {"u-minh-thuong", "U Minh Thượng", 0.55, {3, 2, 5, 0, 0, 0}},
    {"giang-thanh", "Giang Thành", 0.60, {2, 1, 4, 0, 0, 0}},
};

/* --- sectors --- */

struct eline {
	enum carrier c;
	double share; /* of the energy in kWh-equivalent; 0 ends the list */
};

struct variant {
	int weight;  /* how many facilities of the sector use this mix */
	double mult; /* energy per unit relative to the sector's level */
	struct eline line[3];
};

enum season { SEASON_FLAT, SEASON_SEAFOOD, SEASON_RICE, SEASON__MAX };

/* Monthly production pattern (percent of an average month). */
static const int season_w[SEASON__MAX][12] = {
    {95, 90, 100, 100, 105, 100, 100, 105, 100, 100, 100, 105},
    {70, 70, 85, 100, 115, 125, 130, 125, 115, 100, 85, 80},
    {100, 140, 150, 90, 70, 80, 130, 140, 90, 70, 110, 130},
};

struct kind {
	int base;	     /* facilities of 12,151 */
	int single;	     /* exactly one whenever N >= 100 */
	const char *sector;  /* VSIC code */
	const char *label;   /* the end of the facility's name */
	const char *product; /* NULL: no product output reported */
	const char *product2;
	double ratio2;	       /* product2 = ratio2 x product */
	double out[SIZE__MAX]; /* median yearly output per size, product unit */
	double out_min;	       /* bounds of a facility's base output */
	double out_max;	       /* 0: none */
	double intensity;      /* kWh-equivalent per unit of product (median) */
	double spread;	       /* sigma of log intensity between facilities */
	struct variant var[3]; /* fuel mixes, picked by weight */
	double water;	       /* m3 per unit of product; 0: none reported */
	const char *mat;       /* main raw material; NULL: none reported */
	const char *mat_unit;
	double mat_per;	    /* material per unit of product */
	double mat_vnd;	    /* price per unit of material in 2012 */
	enum dw dw;	    /* district weights */
	enum season season; /* monthly pattern */
	double rep;	    /* how much more often than average it reports */
	int own_w[OWN__MAX];
	int size_w[SIZE__MAX]; /* for owners other than households */
};

/* Sector mix after DOMAIN.md §7: > 4,000 seafood facilities of which 23
 * freezing plants (here 30), 155 fish sauce, 720 rice mills, 7 fishmeal
 * plants, 1 sugar mill, the INSEE cement plant in Kiên Lương; the rest over
 * the main activities of the 2015 profile.  Bases sum to 12,151. */
enum kind_id {
	K_FREEZE_SHRIMP,
	K_FREEZE_CATFISH,
	K_FREEZE_SEAFOOD,
	K_SEAFOOD_SMALL,
	K_FISH_SAUCE,
	K_RICE,
	K_FISHMEAL,
	K_SUGAR,
	K_CEMENT,
	K_ICE,
	K_BRICK,
	K_SAWMILL,
	K_FURNITURE,
	K_GARMENT,
	K_CONCRETE,
	K_PLASTIC,
	K_OTHER_FOOD,
	K__MAX
};

/* clang-format off */
#define ELEC_ONLY {{100, 1.0, {{C_ELEC, 1.0}}}}

static const struct kind kinds[K__MAX] = {
    [K_FREEZE_SHRIMP] = {
	.base = 14, .sector = "1020", .label = "Chế biến tôm đông lạnh",
	.product = "frozen_shrimp", .out = {0, 0, 1500, 5000}, .out_min = 320,
	.intensity = 2050, .spread = 0.18,
	.var = {{60, 1.0, {{C_ELEC, 0.94}, {C_DO, 0.06}}}, {40, 1.0, {{C_ELEC, 1.0}}}},
	.water = 25, .mat = "Tôm nguyên liệu", .mat_unit = "t", .mat_per = 1.7, .mat_vnd = 150e6,
	.dw = DW_COASTAL, .season = SEASON_SEAFOOD, .rep = 3,
	.own_w = {10, 75, 15, 0, 0}, .size_w = {0, 0, 50, 50}},
    [K_FREEZE_CATFISH] = {
	.base = 8, .sector = "1020", .label = "Chế biến cá tra đông lạnh",
	.product = "frozen_catfish", .out = {0, 0, 3000, 9000}, .out_min = 320,
	.intensity = 1050, .spread = 0.18,
	.var = {{60, 1.0, {{C_ELEC, 0.94}, {C_DO, 0.06}}}, {40, 1.0, {{C_ELEC, 1.0}}}},
	.water = 8, .mat = "Cá tra nguyên liệu", .mat_unit = "t", .mat_per = 2.6, .mat_vnd = 25e6,
	.dw = DW_COASTAL, .season = SEASON_SEAFOOD, .rep = 3,
	.own_w = {5, 80, 15, 0, 0}, .size_w = {0, 0, 50, 50}},
    [K_FREEZE_SEAFOOD] = {
	.base = 8, .sector = "1020", .label = "Chế biến hải sản đông lạnh",
	.product = "frozen_seafood", .out = {0, 0, 1000, 2500}, .out_min = 320,
	.intensity = 1600, .spread = 0.2,
	.var = {{60, 1.0, {{C_ELEC, 0.94}, {C_DO, 0.06}}}, {40, 1.0, {{C_ELEC, 1.0}}}},
	.water = 12, .mat = "Hải sản nguyên liệu", .mat_unit = "t", .mat_per = 1.8, .mat_vnd = 60e6,
	.dw = DW_COASTAL, .season = SEASON_SEAFOOD, .rep = 3,
	.own_w = {10, 80, 10, 0, 0}, .size_w = {0, 0, 60, 40}},
    [K_SEAFOOD_SMALL] = {
	.base = 3970, .sector = "1020", .label = "Sơ chế, chế biến thủy sản",
	.product = "frozen_seafood", .out = {6, 40, 150, 250}, .out_min = 1, .out_max = 290,
	.intensity = 900, .spread = 0.35, .var = ELEC_ONLY,
	.water = 6, .mat = "Hải sản nguyên liệu", .mat_unit = "t", .mat_per = 1.8, .mat_vnd = 60e6,
	.dw = DW_COASTAL, .season = SEASON_SEAFOOD, .rep = 1,
	.own_w = {0, 8, 0, 90, 2}, .size_w = {60, 35, 5, 0}},
    [K_FISH_SAUCE] = {
	.base = 155, .sector = "1020", .label = "Sản xuất nước mắm",
	.product = "fish_sauce", .out = {25, 180, 700, 1500}, .out_min = 1,
	.intensity = 35, .spread = 0.3, .var = ELEC_ONLY,
	.water = 0.8, .mat = "Cá cơm nguyên liệu", .mat_unit = "t", .mat_per = 0.8, .mat_vnd = 12e6,
	.dw = DW_SAUCE, .season = SEASON_FLAT, .rep = 1.2,
	.own_w = {0, 15, 0, 82, 3}, .size_w = {50, 40, 10, 0}},
    [K_RICE] = {
	.base = 720, .sector = "1061", .label = "Xay xát lúa gạo",
	.product = "milled_rice", .out = {600, 3500, 12000, 35000}, .out_min = 50,
	.intensity = 180, .spread = 0.3,
	.var = {{60, 1.0, {{C_ELEC, 0.12}, {C_HUSK, 0.88}}}, {40, 0.12, {{C_ELEC, 1.0}}}},
	.mat = "Lúa", .mat_unit = "t", .mat_per = 1.55, .mat_vnd = 6e6,
	.dw = DW_RICE, .season = SEASON_RICE, .rep = 1.3,
	.own_w = {1, 25, 0, 70, 4}, .size_w = {30, 50, 18, 2}},
    [K_FISHMEAL] = {
	.base = 7, .sector = "1080", .label = "Sản xuất bột cá",
	.product = "fishmeal", .out = {0, 1500, 3000, 5000}, .out_min = 300,
	.intensity = 900, .spread = 0.2, .var = {{100, 1.0, {{C_FO, 0.87}, {C_ELEC, 0.13}}}},
	.water = 2, .mat = "Cá tạp và phụ phẩm thủy sản", .mat_unit = "t", .mat_per = 4.0,
	.mat_vnd = 5e6, .dw = DW_COASTAL, .season = SEASON_SEAFOOD, .rep = 3,
	.own_w = {0, 90, 10, 0, 0}, .size_w = {0, 30, 50, 20}},
    [K_SUGAR] = {
	.base = 1, .single = 1, .sector = "1072", .label = "Sản xuất đường",
	.product = "sugar", .out = {15000, 15000, 15000, 15000}, .out_min = 5000,
	.intensity = 6000, .spread = 0.05,
	.var = {{100, 1.0, {{C_BAGASSE, 0.98}, {C_ELEC, 0.02}}}},
	.water = 5, .mat = "Mía cây", .mat_unit = "t", .mat_per = 10, .mat_vnd = 0.9e6,
	.dw = DW_SUGAR, .season = SEASON_RICE, .rep = 50,
	.own_w = {100, 0, 0, 0, 0}, .size_w = {0, 0, 0, 100}},
    [K_CEMENT] = {
	.base = 1, .single = 1, .sector = "2394", .label = "Sản xuất clinker và xi măng",
	.product = "clinker", .product2 = "cement", .ratio2 = 1.25,
	.out = {1.4e6, 1.4e6, 1.4e6, 1.4e6}, .out_min = 5e5,
	.intensity = 1040, .spread = 0.04, .var = {{100, 1.0, {{C_COAL, 0.88}, {C_ELEC, 0.12}}}},
	.water = 0.3, .mat = "Đá vôi", .mat_unit = "t", .mat_per = 1.35, .mat_vnd = 0.15e6,
	.dw = DW_CEMENT, .season = SEASON_FLAT, .rep = 50,
	.own_w = {0, 0, 100, 0, 0}, .size_w = {0, 0, 0, 100}},
    [K_ICE] = {
	.base = 900, .sector = "3530", .label = "Sản xuất nước đá",
	.product = "ice", .out = {1200, 5000, 15000, 30000}, .out_min = 10,
	.intensity = 75, .spread = 0.25, .var = ELEC_ONLY, .water = 1.05,
	.dw = DW_GENERAL, .season = SEASON_SEAFOOD, .rep = 1,
	.own_w = {0, 15, 0, 83, 2}, .size_w = {40, 50, 10, 0}},
    [K_BRICK] = {
	.base = 1100, .sector = "2392", .label = "Sản xuất gạch nung",
	.product = "brick", .out = {600, 2500, 8000, 20000}, .out_min = 10,
	.intensity = 1000, .spread = 0.3,
	.var = {{40, 1.0, {{C_WOOD, 0.97}, {C_ELEC, 0.03}}},
		{40, 1.0, {{C_HUSK, 0.97}, {C_ELEC, 0.03}}},
		{20, 1.0, {{C_COAL, 0.97}, {C_ELEC, 0.03}}}},
	.mat = "Đất sét", .mat_unit = "t", .mat_per = 2.6, .mat_vnd = 0.12e6,
	.dw = DW_GENERAL, .season = SEASON_FLAT, .rep = 1,
	.own_w = {0, 20, 0, 77, 3}, .size_w = {40, 50, 10, 0}},
    [K_SAWMILL] = {
	.base = 1000, .sector = "1610", .label = "Cưa xẻ gỗ",
	.product = "sawn_timber", .out = {250, 1200, 4000, 10000}, .out_min = 10,
	.intensity = 60, .spread = 0.3,
	.var = {{60, 0.45, {{C_ELEC, 1.0}}}, {40, 1.0, {{C_ELEC, 0.45}, {C_WOOD, 0.55}}}},
	.mat = "Gỗ tròn", .mat_unit = "m3", .mat_per = 1.7, .mat_vnd = 3e6,
	.dw = DW_GENERAL, .season = SEASON_FLAT, .rep = 1,
	.own_w = {0, 18, 1, 79, 2}, .size_w = {45, 45, 10, 0}},
    [K_FURNITURE] = {
	.base = 1700, .sector = "3100", .label = "Sản xuất đồ gỗ nội thất",
	.product = "furniture", .out = {300, 2500, 12000, 40000}, .out_min = 20,
	.intensity = 12, .spread = 0.3,
	.var = {{70, 0.6, {{C_ELEC, 1.0}}}, {30, 1.0, {{C_ELEC, 0.6}, {C_WOOD, 0.4}}}},
	.mat = "Gỗ xẻ", .mat_unit = "m3", .mat_per = 0.04, .mat_vnd = 6e6,
	.dw = DW_GENERAL, .season = SEASON_FLAT, .rep = 1,
	.own_w = {0, 18, 2, 78, 2}, .size_w = {45, 45, 9, 1}},
    [K_GARMENT] = {
	.base = 1200, .sector = "1410", .label = "May mặc",
	.product = "garment", .out = {4000, 50000, 300000, 1200000}, .out_min = 100,
	.intensity = 0.5, .spread = 0.3, .var = ELEC_ONLY, .water = 0.005,
	.mat = "Vải", .mat_unit = "kg", .mat_per = 0.35, .mat_vnd = 80000,
	.dw = DW_GENERAL, .season = SEASON_FLAT, .rep = 1.2,
	.own_w = {0, 35, 8, 55, 2}, .size_w = {30, 50, 16, 4}},
    [K_CONCRETE] = {
	.base = 300, .sector = "2395", .label = "Sản xuất cấu kiện bê tông",
	.product = "concrete_product", .out = {400, 4000, 20000, 60000}, .out_min = 20,
	.intensity = 10, .spread = 0.3, .var = {{100, 1.0, {{C_ELEC, 0.7}, {C_DO, 0.3}}}},
	.water = 0.18, .mat = "Xi măng", .mat_unit = "t", .mat_per = 0.14, .mat_vnd = 1.5e6,
	.dw = DW_GENERAL, .season = SEASON_FLAT, .rep = 1.2,
	.own_w = {1, 45, 1, 50, 3}, .size_w = {30, 55, 14, 1}},
    [K_PLASTIC] = {
	.base = 80, .sector = "2220", .label = "Sản xuất sản phẩm nhựa",
	.product = "plastic_product", .out = {40, 350, 1800, 6000}, .out_min = 5,
	.intensity = 900, .spread = 0.25, .var = ELEC_ONLY, .water = 0.5,
	.mat = "Hạt nhựa", .mat_unit = "t", .mat_per = 1.03, .mat_vnd = 30e6,
	.dw = DW_GENERAL, .season = SEASON_FLAT, .rep = 1.5,
	.own_w = {0, 50, 5, 43, 2}, .size_w = {30, 55, 14, 1}},
    /* No product code exists for 1079: such facilities report energy only,
     * and out[] is their yearly electricity in kWh. */
    [K_OTHER_FOOD] = {
	.base = 987, .sector = "1079", .label = "Chế biến thực phẩm khác",
	.out = {15000, 80000, 300000, 800000}, .out_min = 1000,
	.intensity = 1, .spread = 0.3, .var = ELEC_ONLY,
	.dw = DW_GENERAL, .season = SEASON_FLAT, .rep = 0.8,
	.own_w = {0, 15, 0, 83, 2}, .size_w = {50, 40, 10, 0}},
};
/* clang-format on */

/* --- the yearly curves, indexed by year - 2012 --- */

/* Share of active facilities of average size that report. */
static const double report_share[NYEARS] = {0.05, 0.08, 0.11, 0.14, 0.17, 0.20, 0.23,
					    0.26, 0.29, 0.32, 0.36, 0.39, 0.42, 0.45};
/* Reporting relative to that share, by size (large ones report almost always). */
static const double report_size[SIZE__MAX] = {0.8, 1.6, 2.4, 20};
/* Aware of CP at average size and district; flat until 2014, then rising. */
static const double cp_aware[NYEARS] = {0.10, 0.12, 0.14, 0.20, 0.27, 0.33, 0.39,
					0.45, 0.50, 0.55, 0.59, 0.63, 0.66, 0.70};
/* Of the aware: has CP staff; applies CP.  Of those with staff: a CP unit. */
static const double cp_staff[NYEARS] = {0.45, 0.45, 0.48, 0.55, 0.62, 0.70, 0.76,
					0.80, 0.84, 0.84, 0.85, 0.85, 0.86, 0.86};
static const double cp_applied[NYEARS] = {0.20, 0.22, 0.22, 0.30, 0.35, 0.40, 0.44,
					  0.47, 0.50, 0.52, 0.54, 0.56, 0.58, 0.60};
static const double cp_unit[NYEARS] = {0.15, 0.15, 0.18, 0.22, 0.26, 0.30, 0.32,
				       0.33, 0.34, 0.35, 0.36, 0.37, 0.38, 0.38};
/* Awareness relative to average, by size. */
static const double cp_size[SIZE__MAX] = {0.85, 1.1, 1.35, 1.6};
/* Chance that a CP field of a report is left unknown, by size. */
static const double cp_unknown[SIZE__MAX] = {0.15, 0.08, 0.03, 0.0};
/* Chance that a report has water lines, material lines, by size. */
static const double water_p[SIZE__MAX] = {0.2, 0.4, 0.8, 1.0};
static const double material_p[SIZE__MAX] = {0.05, 0.12, 0.5, 0.8};
/* Water sources: tap, ground, surface. */
static const char *const water_src[3] = {"tap", "ground", "surface"};
static const int water_src_w[3] = {35, 50, 15};
static const double water_vnd[3] = {9000, 1500, 0}; /* 0: no cost known */

/* One facility's lasting traits. */
struct fac {
	long id;
	enum kind_id kind;
	int district;
	enum val_ownership own;
	enum val_size size;
	int opened, closed; /* closed 0: open */
	const struct variant *var;
	double base_out;  /* yearly output at scale 1 */
	double intensity; /* kWh-equivalent per unit at the start */
	double saving;	  /* fraction saved once CP is applied */
	int monthly_from; /* first year with monthly electricity; 0: never */
	int water_src;
	double u_report, u_aware, u_staff, u_unit, u_applied;
};

/* The state of one run. */
struct gen {
	struct db *db;
	const struct demo_opts *opts;
	struct demo_stats st;
	char *err;
	size_t errsz;
	int64_t unit_id[NDISTRICTS];
	char punit[K__MAX][2][16]; /* units of product and product2 */
	long tax_seq;		   /* last enterprise tax sequence used */
	long hh_seq;		   /* last household code used */
	long report_id;
	double kwh[C__MAX]; /* kWh-equivalent per native unit: GJ per unit / 0.0036 */
};

int
demo_tax_code(char *out, size_t n, long seq)
{
	static const int w[9] = {31, 29, 23, 19, 17, 13, 7, 5, 3};
	char d[10];
	if (seq < 0 || seq > 9999999 || n < 11)
		return -1;
	snprintf(d, sizeof(d), "99%07ld", seq);
	int sum = 0;
	for (int i = 0; i < 9; i++)
		sum += (d[i] - '0') * w[i];
	int r = sum % 11;
	if (r == 0) /* check would be 10: no valid code for this sequence */
		return -1;
	snprintf(out, n, "%s%d", d, 10 - r);
	return 0;
}

static int
fail(struct gen *g, const char *what)
{
	snprintf(g->err, g->errsz, "%s: %s", what, db_errmsg(g->db));
	return -1;
}

/* Writes message id about code (a code of the reference data) into g->err; returns -1. */
static int
fail_ref(struct gen *g, enum msg_id id, const char *code)
{
	struct msg m;
	msg_init(&m, id, NULL);
	msg_code(&m, code);
	msg_format(&m, MSG_BOTH, g->err, g->errsz);
	return -1;
}

static int
run(struct gen *g, struct db_stmt *st, const char *what)
{
	if (db_run(st) != DB_OK)
		return fail(g, what);
	return 0;
}

/* Rounds a quantity to a precision that suits its size, as a form would. */
static double
round_qty(double v)
{
	if (v >= 1000)
		return round(v);
	if (v >= 10)
		return round(v * 10) / 10;
	return round(v * 1000) / 1000;
}

static double
round_vnd(double v)
{
	return round(v / 1000) * 1000;
}

/* Facility counts per kind for n facilities: the singletons stay single for
 * n >= 100, the rest scale by largest remainder so the total is exactly n. */
static void
scale_counts(long n, long count[K__MAX])
{
	long singles = 0, base_rest = 0;
	for (int k = 0; k < K__MAX; k++)
		if (kinds[k].single)
			singles++;
		else
			base_rest += kinds[k].base;
	long fixed = n >= 100 ? singles : 0;
	long rest = n - fixed, given = fixed;
	long rem[K__MAX];
	for (int k = 0; k < K__MAX; k++) {
		if (kinds[k].single) {
			count[k] = n >= 100 ? 1 : 0;
			rem[k] = -1;
			continue;
		}
		long long q = (long long)kinds[k].base * rest;
		count[k] = (long)(q / base_rest);
		rem[k] = (long)(q % base_rest);
		given += count[k];
	}
	while (given < n) {
		int best = -1;
		for (int k = 0; k < K__MAX; k++)
			if (rem[k] >= 0 && (best < 0 || rem[k] > rem[best]))
				best = k;
		count[best]++;
		rem[best] = -1;
		given++;
	}
}

/* Where a facility stands among its sector's facilities. */
struct slot {
	int kind;
	int district;
	double q; /* its quantile of energy efficiency in its sector, in (0, 1) */
};

/*
 * Kind and district of every facility: per kind, systematic sampling over the
 * district weights (so each district gets its exact share), then a shuffle so
 * facility numbers do not follow the sector; finally each kind's efficiency
 * quantiles, again systematic, in shuffled order, so the SECs of even a
 * dozen plants centre on the sector's level.  Returns an xmalloc'd array of
 * n slots.
 */
static struct slot *
assign(struct rng *r, long n)
{
	long count[K__MAX], seen[K__MAX] = {0};
	double qoff[K__MAX];
	scale_counts(n, count);
	struct slot *slot = xmalloc((size_t)n * sizeof(*slot));
	long i = 0;
	for (int k = 0; k < K__MAX; k++) {
		enum dw dw = kinds[k].dw;
		int total = 0;
		for (int d = 0; d < NDISTRICTS; d++)
			total += districts[d].w[dw];
		double off = rng_double(r);
		qoff[k] = rng_double(r);
		for (long j = 0; j < count[k]; j++) {
			double pos = (j + off) / count[k] * total;
			int d = 0, cum = districts[0].w[dw];
			while (pos >= cum && d < NDISTRICTS - 1)
				cum += districts[++d].w[dw];
			slot[i].kind = k;
			slot[i++].district = d;
		}
	}
	for (long j = n - 1; j > 0; j--) {
		long o = (long)rng_below(r, (uint64_t)j + 1);
		struct slot t = slot[j];
		slot[j] = slot[o];
		slot[o] = t;
	}
	for (long j = 0; j < n; j++) {
		int k = slot[j].kind;
		slot[j].q = (seen[k]++ + qoff[k]) / count[k];
	}
	return slot;
}

static void
fac_traits(struct rng *r, struct fac *f, double q)
{
	static const int household_size_w[SIZE__MAX] = {90, 10, 0, 0};
	const struct kind *k = &kinds[f->kind];
	f->own = (enum val_ownership)rng_pick(r, k->own_w, OWN__MAX);
	f->size = (enum val_size)rng_pick(r, f->own == OWN_HOUSEHOLD ? household_size_w : k->size_w,
					  SIZE__MAX);
	int big = k->single || k->out_min >= 300;
	if (big || rng_chance(r, 0.82))
		f->opened = (int)rng_range(r, big ? 1995 : 1985, 2011);
	else
		f->opened = (int)rng_range(r, 2012, 2024);
	f->closed = 0;
	if (!big && f->size != SIZE_LARGE && rng_chance(r, 0.07)) {
		int lo = f->opened + 1 > 2013 ? f->opened + 1 : 2013;
		if (lo <= 2024)
			f->closed = (int)rng_range(r, lo, 2024);
	}
	int vw[3];
	for (int v = 0; v < 3; v++)
		vw[v] = k->var[v].weight;
	f->var = &k->var[rng_pick(r, vw, 3)];
	double out = k->out[f->size] * exp(0.35 * rng_normal(r));
	if (out < k->out_min)
		out = k->out_min * (1 + 0.2 * rng_double(r));
	if (k->out_max > 0 && out > k->out_max)
		out = k->out_max * (1 - 0.2 * rng_double(r));
	f->base_out = out;
	/* A logistic deviate scaled to unit variance: its quantile is closed-form. */
	double z = log(q / (1 - q)) * sqrt(3.0) / M_PI;
	f->intensity = k->intensity * f->var->mult * exp(k->spread * z);
	f->saving = 0.03 + 0.09 * rng_double(r);
	f->monthly_from = f->size >= SIZE_MEDIUM ? (int)rng_range(r, 2014, 2024) : 0;
	f->water_src = (int)rng_pick(r, water_src_w, 3);
	f->u_report = rng_double(r);
	f->u_aware = rng_double(r);
	f->u_staff = rng_double(r);
	f->u_unit = rng_double(r);
	f->u_applied = rng_double(r);
}

static int
insert_facility(struct gen *g, struct rng *r, const struct fac *f)
{
	const struct kind *k = &kinds[f->kind];
	char code[32], name[256], address[128], tax[32];
	snprintf(code, sizeof(code), "DEMO-%05ld", f->id);
	snprintf(name, sizeof(name), "%s %05ld — %s", own_name[f->own], f->id, k->label);
	snprintf(address, sizeof(address), "Địa chỉ mẫu, %s, Kiên Giang",
		 districts[f->district].name);
	const char *taxp = NULL;
	if (f->own != OWN_HOUSEHOLD) {
		/* The next sequence with a valid check digit (at most 1 in 11 is
		 * skipped); the 7-digit range outlasts DEMO_MAX_FACILITIES. */
		while (taxp == NULL && g->tax_seq < 9999999)
			if (demo_tax_code(tax, sizeof(tax), ++g->tax_seq) == 0)
				taxp = tax;
	} else if (rng_chance(r, 0.2)) {
		/* A made-up number shaped like a 12-digit personal identification
		 * number (province part 091), numbered in facility order. */
		snprintf(tax, sizeof(tax), "0919%08ld", ++g->hh_seq);
		taxp = tax;
	}
	int lo = emp_lo[f->size], hi = emp_hi[f->size];
	if (f->own == OWN_HOUSEHOLD && f->size == SIZE_SMALL)
		hi = 40;
	int employees = (int)rng_range(r, lo, hi);
	char *key = fold_key(name);
	struct db_stmt *st = db_stmt(g->db, STMT_DEMO_FACILITY_INSERT);
	int rc = -1;
	db_bind_int(st, 1, f->id);
	db_bind_text(st, 2, code);
	db_bind_text(st, 3, taxp);
	db_bind_text(st, 4, name);
	db_bind_text(st, 5, key);
	db_bind_text(st, 6, k->sector);
	db_bind_int(st, 7, g->unit_id[f->district]);
	db_bind_text(st, 8, address);
	db_bind_text(st, 9, names_ownership[f->own].code);
	db_bind_text(st, 10, names_size[f->size].code);
	db_bind_int(st, 11, employees);
	db_bind_int(st, 12, f->opened);
	if (f->closed)
		db_bind_int(st, 13, f->closed);
	else
		db_bind_null(st, 13);
	db_bind_text(st, 14, f->closed ? "closed" : "active");
	rc = run(g, st, code);
	if (rc == 0)
		g->st.facilities++;
	free(key);
	return rc;
}

static void
bind_cp(struct db_stmt *st, int idx, int v, int unknown)
{
	if (unknown)
		db_bind_null(st, idx);
	else
		db_bind_int(st, idx, v);
}

/* Price index: prices rise about 3.5 % a year from 2012, with noise. */
static double
price(struct rng *r, double base, int year)
{
	return base * pow(1.035, year - DEMO_FIRST_YEAR) * (1 + 0.04 * rng_normal(r));
}

static int
insert_energy(struct gen *g, long rid, enum carrier c, int month, double qty, double vnd)
{
	struct db_stmt *st = db_stmt(g->db, STMT_DEMO_ENERGY_INSERT);
	db_bind_int(st, 1, rid);
	db_bind_text(st, 2, carriers[c].code);
	if (month)
		db_bind_int(st, 3, month);
	else
		db_bind_null(st, 3);
	db_bind_null(st, 4);
	db_bind_double(st, 5, qty);
	db_bind_text(st, 6, carriers[c].unit);
	db_bind_double(st, 7, round_vnd(qty * vnd));
	g->st.energy++;
	return run(g, st, "energy");
}

/* CP status of a facility in one year (the latent model of the file comment). */
struct cp {
	int aware, staff, unit, applied;
};

static struct cp
cp_status(const struct fac *f, int yi)
{
	struct cp c;
	/* The district acts on awareness and, more weakly, on what follows it,
	 * which spreads the districts apart on all the plan's indicators. */
	double d = districts[f->district].cp, sd = sqrt(d);
	double a = cp_aware[yi] * d * cp_size[f->size];
	c.aware = f->u_aware < (a < 0.98 ? a : 0.98);
	c.staff = c.aware && f->u_staff < cp_staff[yi] * sd;
	c.unit = c.staff && f->u_unit < cp_unit[yi];
	c.applied = c.aware && f->u_applied < cp_applied[yi] * sd;
	return c;
}

static int
insert_report(struct gen *g, struct rng *r, const struct fac *f, int year, const struct cp *cp,
	      double out, double sec)
{
	static const enum wf_state status[3] = {WF_ACCEPTED, WF_SUBMITTED, WF_DRAFT};
	static const int status_w[3] = {50, 30, 20};
	const struct kind *k = &kinds[f->kind];
	long rid = ++g->report_id;
	int s = year < DEMO_LAST_YEAR ? 0 : (int)rng_pick(r, status_w, 3);
	char date[40]; /* room for any int, so the compiler can prove no truncation */
	if (s < 2) {
		int month = rng_chance(r, 0.85) ? 1 : (int)rng_range(r, 2, 3);
		snprintf(date, sizeof(date), "%04d-%02d-%02d", year + 1, month,
			 (int)rng_range(r, 2, 28));
	}
	double q = cp_unknown[f->size];
	struct db_stmt *st = db_stmt(g->db, STMT_DEMO_REPORT_INSERT);
	db_bind_int(st, 1, rid);
	db_bind_int(st, 2, f->id);
	db_bind_int(st, 3, year);
	db_bind_text(st, 4, names_state[status[s]].code);
	bind_cp(st, 5, cp->aware, rng_chance(r, q / 2));
	bind_cp(st, 6, cp->staff, rng_chance(r, q));
	bind_cp(st, 7, cp->unit, rng_chance(r, q));
	bind_cp(st, 8, cp->applied, rng_chance(r, q / 2));
	db_bind_text(st, 9, s < 2 ? date : NULL);
	if (run(g, st, "report") < 0)
		return -1;
	g->st.reports++;
	if (g->st.year_min == 0 || year < g->st.year_min)
		g->st.year_min = year;
	if (year > g->st.year_max)
		g->st.year_max = year;

	double qty = round_qty(out);
	for (int p = 0; p < 2 && k->product != NULL; p++) {
		const char *prod = p == 0 ? k->product : k->product2;
		if (prod == NULL)
			break;
		double pq = p == 0 ? qty : round_qty(out * k->ratio2 * (1 + 0.02 * rng_normal(r)));
		st = db_stmt(g->db, STMT_DEMO_OUTPUT_INSERT);
		db_bind_int(st, 1, rid);
		db_bind_text(st, 2, prod);
		db_bind_double(st, 3, pq);
		db_bind_text(st, 4, g->punit[f->kind][p]);
		if (run(g, st, "output") < 0)
			return -1;
		g->st.outputs++;
	}

	double energy = out * sec; /* kWh-equivalent */
	int monthly = f->monthly_from && year >= f->monthly_from;
	for (int l = 0; l < 3 && f->var->line[l].share > 0; l++) {
		enum carrier c = f->var->line[l].c;
		double native = energy * f->var->line[l].share / g->kwh[c];
		double vnd = price(r, carriers[c].vnd, year);
		if (c != C_ELEC || !monthly) {
			if (insert_energy(g, rid, c, 0,
					  c == C_ELEC ? round(native) : round_qty(native), vnd) < 0)
				return -1;
			continue;
		}
		/* Twelve monthly rows: a fixed base load plus a part that follows
		 * the month's production, which follows the sector's season. */
		double w[12], wsum = 0;
		for (int m = 0; m < 12; m++) {
			w[m] = season_w[k->season][m] * (1 + 0.08 * rng_normal(r));
			if (w[m] < 10)
				w[m] = 10;
			wsum += w[m];
		}
		for (int m = 0; m < 12; m++) {
			double e =
			    native * (0.2 / 12 + 0.8 * w[m] / wsum) * (1 + 0.02 * rng_normal(r));
			if (insert_energy(g, rid, c, m + 1, round(e), vnd) < 0)
				return -1;
		}
		/* The main product's monthly output follows the same weights, so the
		 * energy regression (ISO 50006) has a P for every month. */
		for (int m = 0; m < 12 && k->product != NULL; m++) {
			st = db_stmt(g->db, STMT_DEMO_OUTPUT_MONTH_INSERT);
			db_bind_int(st, 1, rid);
			db_bind_text(st, 2, k->product);
			db_bind_int(st, 3, m + 1);
			db_bind_double(st, 4, round_qty(qty * w[m] / wsum));
			if (run(g, st, "output month") < 0)
				return -1;
		}
	}

	if (k->water > 0 && rng_chance(r, water_p[f->size])) {
		double m3 = round_qty(out * k->water * exp(0.1 * rng_normal(r)));
		double vnd = water_vnd[f->water_src];
		st = db_stmt(g->db, STMT_DEMO_WATER_INSERT);
		db_bind_int(st, 1, rid);
		db_bind_text(st, 2, water_src[f->water_src]);
		db_bind_double(st, 3, m3);
		db_bind_opt_double(st, 4, round_vnd(m3 * price(r, vnd, year)), vnd == 0);
		if (run(g, st, "water") < 0)
			return -1;
		g->st.water++;
	}

	if (k->mat != NULL && rng_chance(r, material_p[f->size])) {
		double mq = round_qty(out * k->mat_per * (1 + 0.03 * rng_normal(r)));
		st = db_stmt(g->db, STMT_DEMO_MATERIAL_INSERT);
		db_bind_int(st, 1, rid);
		db_bind_text(st, 2, k->mat);
		db_bind_double(st, 3, mq);
		db_bind_text(st, 4, k->mat_unit);
		db_bind_double(st, 5, round_vnd(mq * price(r, k->mat_vnd, year)));
		if (run(g, st, "material") < 0)
			return -1;
		g->st.material++;
	}
	return 0;
}

/* One facility and all its reports, from its own random stream. */
static int
gen_facility(struct gen *g, long i, const struct slot *slot)
{
	struct rng r;
	struct fac f;
	rng_seed(&r, g->opts->seed, (uint64_t)i + 1);
	memset(&f, 0, sizeof(f));
	f.id = i + 1;
	f.kind = (enum kind_id)slot->kind;
	f.district = slot->district;
	fac_traits(&r, &f, slot->q);
	if (insert_facility(g, &r, &f) < 0)
		return -1;

	const struct kind *k = &kinds[f.kind];
	double scale = 1.0;
	int started = 0, applied_from = 0;
	for (int yi = 0; yi < NYEARS; yi++) {
		int year = DEMO_FIRST_YEAR + yi;
		/* Every year draws the same numbers, active or not, so one year's
		 * choices never shift another's. */
		double z_scale = rng_normal(&r), z_sec = rng_normal(&r);
		double v_report = rng_double(&r);
		if (year < f.opened || (f.closed && year > f.closed))
			continue;
		if (!started) {
			scale = f.opened >= DEMO_FIRST_YEAR ? 0.5 + 0.2 * v_report : 1.0;
			started = 1;
		} else {
			if (scale < 0.9)
				scale += 0.5 * (1.0 - scale); /* a new plant ramping up */
			scale *= exp(0.06 * z_scale);
			scale = scale < 0.4 ? 0.4 : scale > 1.8 ? 1.8 : scale;
		}
		struct cp cp = cp_status(&f, yi);
		if (cp.applied && !applied_from)
			applied_from = year;
		double saving = 0;
		if (applied_from) {
			double ramp = (year - applied_from + 1) / 2.0;
			saving = f.saving * (ramp < 1 ? ramp : 1);
		}
		double p = report_share[yi] * report_size[f.size] * k->rep;
		if (f.u_report + 0.12 * (v_report - 0.5) >= (p < 0.97 ? p : 0.97))
			continue;
		double sec = f.intensity * (1 - saving) * exp(0.03 * z_sec);
		if (insert_report(g, &r, &f, year, &cp, f.base_out * scale, sec) < 0)
			return -1;
	}
	return 0;
}

/* Ids of the districts, units of the products and heating values of the
 * carriers, looked up once. */
static int
lookup(struct gen *g)
{
	char date[16];
	snprintf(date, sizeof(date), "%04d-12-31", DEMO_FIRST_YEAR);
	for (int c = 0; c < C__MAX; c++) {
		struct refdata_factor f;
		int rc = refdata_factor_get(g->db, carriers[c].code, carriers[c].unit, date, &f);
		if (rc == DB_ERR)
			return fail(g, "carrier_factor");
		double gj = rc == DB_OK && f.has_gj ? f.gj : carriers[c].gj;
		if (!(gj > 0)) {
			snprintf(g->err, g->errsz,
				 "thiếu nhiệt trị của '%s' (%s) trong dữ liệu tham chiếu / heating "
				 "value of '%s' (%s) missing from the reference data",
				 carriers[c].code, carriers[c].unit, carriers[c].code,
				 carriers[c].unit);
			return -1;
		}
		g->kwh[c] = gj / CALC_GJ_PER_KWH;
	}
	for (int d = 0; d < NDISTRICTS; d++) {
		struct db_stmt *st = db_stmt(g->db, STMT_DEMO_UNIT_ID);
		db_bind_text(st, 1, districts[d].code);
		int rc = db_step(st);
		if (rc != DB_ROW) {
			db_reset(st);
			return fail_ref(g, MSG_DEMO_UNIT_MISSING, districts[d].code);
		}
		g->unit_id[d] = db_col_int(st, 0);
		db_reset(st);
	}
	for (int k = 0; k < K__MAX; k++) {
		for (int p = 0; p < 2; p++) {
			const char *prod = p == 0 ? kinds[k].product : kinds[k].product2;
			if (prod == NULL)
				continue;
			struct db_stmt *st = db_stmt(g->db, STMT_DEMO_PRODUCT_UNIT);
			db_bind_text(st, 1, prod);
			if (db_step(st) != DB_ROW) {
				db_reset(st);
				return fail_ref(g, MSG_DEMO_PRODUCT_MISSING, prod);
			}
			snprintf(g->punit[k][p], sizeof(g->punit[k][p]), "%s", db_col_text(st, 0));
			db_reset(st);
		}
	}
	return 0;
}

static int
delete_all(struct gen *g)
{
	/* Accounts bound to a facility lose the binding first: the facility goes
	 * (its memberships cascade) and `demo --accounts` binds the demo ones
	 * again (model/demo/demo_accounts.h). */
	static const enum stmt del[] = {
	    STMT_DEMO_DETACH_USERS,  STMT_DEMO_DELETE_MATERIAL, STMT_DEMO_DELETE_WATER,
	    STMT_DEMO_DELETE_ENERGY, STMT_DEMO_DELETE_OUTPUT,	STMT_DEMO_DELETE_REGISTRATION,
	    STMT_DEMO_DELETE_REPORT, STMT_DEMO_DELETE_FACILITY,
	};
	if (demo_assess_delete(g->db) < 0)
		return fail(g, "assessments");
	for (size_t i = 0; i < sizeof(del) / sizeof(del[0]); i++) {
		struct db_stmt *st = db_stmt(g->db, del[i]);
		if (db_run(st) != DB_OK) {
			char what[128];
			return fail(g, msg_both(what, sizeof(what), MSG_DEMO_CANNOT_DELETE, NULL));
		}
	}
	return 0;
}

int
demo_facility_count(struct db *db, int64_t *n, char *err, size_t errsz)
{
	if (db_query_int(db, STMT_DEMO_FACILITY_COUNT, n) != DB_OK) {
		snprintf(err, errsz, "facility count: %s", db_errmsg(db));
		return -1;
	}
	return 0;
}

int
demo_generate(struct db *db, const struct demo_opts *opts, struct demo_stats *st, char *err,
	      size_t errsz)
{
	struct gen g;
	int rc = DEMO_ERR, in_tx = 0;
	struct slot *slot = NULL;
	memset(&g, 0, sizeof(g));
	g.db = db;
	g.opts = opts;
	g.err = err;
	g.errsz = errsz;
	if (opts->facilities < 1 || opts->facilities > DEMO_MAX_FACILITIES) {
		struct msg m;
		msg_init(&m, MSG_DEMO_COUNT, NULL);
		msg_plain(&m, DEMO_MAX_FACILITIES);
		msg_format(&m, MSG_BOTH, err, errsz);
		goto out;
	}
	if (db_begin(db) != DB_OK) {
		fail(&g, "begin");
		goto out;
	}
	in_tx = 1;
	int64_t existing = 0;
	if (db_query_int(db, STMT_DEMO_FACILITY_COUNT, &existing) != DB_OK) {
		fail(&g, "facility count");
		goto out;
	}
	if (existing > 0 && !opts->replace) {
		struct msg m;
		msg_init(&m, MSG_DEMO_EXISTS, NULL);
		msg_plain(&m, existing);
		msg_format(&m, MSG_BOTH, err, errsz);
		rc = DEMO_EXISTS;
		goto out;
	}
	if ((existing > 0 && delete_all(&g) < 0) || lookup(&g) < 0)
		goto out;

	struct rng r;
	rng_seed(&r, opts->seed, 0);
	slot = assign(&r, opts->facilities);
	for (long i = 0; i < opts->facilities; i++) {
		if (gen_facility(&g, i, &slot[i]) < 0)
			goto out;
		if (opts->progress != NULL && (i % 256 == 255 || i + 1 == opts->facilities))
			opts->progress(opts->progress_arg, i + 1, opts->facilities);
	}
	/* The CP assessments, at facilities chosen from what was just made. */
	struct demo_assess_stats as;
	if (demo_assess_generate(db, &as, err, errsz) < 0)
		goto out;
	g.st.assessments = as.assessments;
	g.st.options = as.options;
	struct db_stmt *bump = db_stmt(db, STMT_GENERATION_BUMP);
	if (db_run(bump) != DB_OK) {
		fail(&g, "generation");
		goto out;
	}
	if (db_commit(db) != DB_OK) {
		fail(&g, "commit");
		goto out;
	}
	in_tx = 0;
	if (st != NULL)
		*st = g.st;
	rc = DEMO_OK;
out:
	if (in_tx)
		db_rollback(db);
	free(slot);
	return rc;
}
