"""The dev items the perturbation set starts from: their places, years, departments, and the page
furniture, readings and decorations variants add (data only)."""

from __future__ import annotations

from pathlib import Path

REPO = Path(__file__).resolve().parent.parent.parent

DEV = REPO / "tests" / "fixtures" / "real_pages"

OUT = REPO / "tests" / "fixtures" / "generality"

# file -> the item's places, most specific last: (old name as printed in simplified, level) where
# level is province | prefecture | county | town. 'town' names are swapped for common town names.
PLACES: dict[str, list[tuple[str, str]]] = {
    "txt_yunxian_county_yunnan_2022_pipes.txt": [("云南省", "province"), ("临沧市", "prefecture"), ("云县", "county")],
    "txt_hejiang_county_sichuan_2022.txt": [("四川省", "province"), ("泸州市", "prefecture"), ("合江县", "county")],
    "txt_guangyuan_yigongdaizhen_office_2020.txt": [("四川省", "province"), ("广元市", "prefecture")],
    "txt_qinan_xingguo_town_gansu_2025_broken.txt": [
        ("甘肃省", "province"),
        ("天水市", "prefecture"),
        ("秦安县", "county"),
        ("兴国镇", "town"),
    ],
    "txt_mirror_suzhou_anhui_city_2016.txt": [("安徽省", "province"), ("宿州市", "prefecture")],
    "txt_fuzhou_jinan_district_2016.txt": [("福建省", "province"), ("福州市", "prefecture"), ("晋安区", "county")],
    "txt_flipbook_wendeng_xinfang_2022_p8_table4.txt": [
        ("山东省", "province"),
        ("威海市", "prefecture"),
        ("文登区", "county"),
    ],
    "txt_shenyang_yuhong_yingbinlu_street_2021.txt": [
        ("辽宁省", "province"),
        ("沈阳市", "prefecture"),
        ("于洪区", "county"),
        ("迎宾路街道", "town"),
    ],
    "txt_harbin_daoli_tongjiang_street_2021.txt": [
        ("黑龙江省", "province"),
        ("哈尔滨市", "prefecture"),
        ("道里区", "county"),
        ("通江街道", "town"),
    ],
    "txt_tongzi_county_guizhou_2022.txt": [("贵州省", "province"), ("遵义市", "prefecture"), ("桐梓县", "county")],
    "txt_guizhou_jiguan_shiwu_bureau_2020.txt": [("贵州省", "province")],
    "txt_mirror_zhongjiang_county_2022.txt": [("四川省", "province"), ("德阳市", "prefecture"), ("中江县", "county")],
    "txt_anshun_xixiu_dongjie_street_2021.txt": [
        ("贵州省", "province"),
        ("安顺市", "prefecture"),
        ("西秀区", "county"),
        ("东街街道", "town"),
    ],
    "txt_taizhou_luqiao_luoyang_street_2021.txt": [
        ("浙江省", "province"),
        ("台州市", "prefecture"),
        ("路桥区", "county"),
        ("螺洋街道", "town"),
    ],
    "txt_baokang_agri_bureau_2021_annotated_label.txt": [
        ("湖北省", "province"),
        ("襄阳市", "prefecture"),
        ("保康县", "county"),
    ],
    "txt_hukou_county_office_2025_spaced_digits.txt": [
        ("江西省", "province"),
        ("九江市", "prefecture"),
        ("湖口县", "county"),
    ],
    "txt_jingmen_shayang_county_2017.txt": [("湖北省", "province"), ("荆门市", "prefecture"), ("沙洋县", "county")],
    "txt_mirror_taizhou_jiangsu_city_2017.txt": [("江苏省", "province"), ("泰州市", "prefecture")],
    "txt_ankang_bureau_2019_cell_per_line.txt": [("陕西省", "province"), ("安康市", "prefecture")],
    "txt_beijing_daxing_town_untitled.txt": [("北京市", "province"), ("大兴区", "county")],
    "txt_lingyuan_town_liaoning_2025_untitled.txt": [
        ("辽宁省", "province"),
        ("朝阳市", "prefecture"),
        ("凌源市", "county"),
    ],
    "txt_xiongxian_township_2019_empty_tables.txt": [
        ("河北省", "province"),
        ("保定市", "prefecture"),
        ("雄县", "county"),
    ],
    "txt_chongqing_tongliang_office_2025.txt": [("重庆市", "province"), ("铜梁区", "county")],
    "txt_shucheng_devzone_anhui_2025.txt": [("安徽省", "province"), ("六安市", "prefecture"), ("舒城县", "county")],
    "txt_tancheng_industrial_park_2018_mdtable_meta.txt": [
        ("山东省", "province"),
        ("临沂市", "prefecture"),
        ("郯城县", "county"),
    ],
    "txt_shenzhen_longgang_dept_2024_pipetables.txt": [
        ("广东省", "province"),
        ("深圳市", "prefecture"),
        ("龙岗区", "county"),
    ],
    # look-alike non-reports
    "txt_neg_xinyu_2023_gongkai_yaodian.txt": [("江西省", "province"), ("新余市", "prefecture")],
    "txt_neg_wuwei_2025_compile_notice.txt": [("甘肃省", "province"), ("武威市", "prefecture")],
    "txt_neg_zhashui_audit_bureau_2020_final_accounts.txt": [
        ("陕西省", "province"),
        ("商洛市", "prefecture"),
        ("柞水县", "county"),
    ],
    "txt_neg_danzhai_2015_statistical_bulletin.txt": [("贵州省", "province"), ("丹寨县", "county")],
    "txt_neg_changsha_county_2023_government_work_report.txt": [
        ("湖南省", "province"),
        ("长沙市", "prefecture"),
        ("长沙县", "county"),
    ],
    "txt_neg_huangshan_natres_bureau_2023_work_summary.txt": [("安徽省", "province"), ("黄山市", "prefecture")],
}

# Items whose year is shifted (others have no year gold, or cite dates the shift would make wrong).
YEAR_ITEMS = [
    "txt_yunxian_county_yunnan_2022_pipes.txt",
    "txt_hejiang_county_sichuan_2022.txt",
    "txt_guangyuan_yigongdaizhen_office_2020.txt",
    "txt_qinan_xingguo_town_gansu_2025_broken.txt",
    "txt_mirror_xiaguan_town_zhejiang_2009_traditional.txt",
    "txt_mirror_suzhou_anhui_city_2016.txt",
    "txt_fuzhou_jinan_district_2016.txt",
    "txt_flipbook_wendeng_xinfang_2022_p8_table4.txt",
    "txt_shenyang_yuhong_yingbinlu_street_2021.txt",
    "txt_harbin_daoli_tongjiang_street_2021.txt",
    "txt_tongzi_county_guizhou_2022.txt",
    "txt_guizhou_jiguan_shiwu_bureau_2020.txt",
    "txt_mirror_zhongjiang_county_2022.txt",
    "txt_anshun_xixiu_dongjie_street_2021.txt",
    "txt_taizhou_luqiao_luoyang_street_2021.txt",
    "txt_baokang_agri_bureau_2021_annotated_label.txt",
    "txt_hukou_county_office_2025_spaced_digits.txt",
    "txt_jingmen_shayang_county_2017.txt",
    "txt_mirror_taizhou_jiangsu_city_2017.txt",
    "txt_ankang_bureau_2019_cell_per_line.txt",
    "txt_lingyuan_town_liaoning_2025_untitled.txt",
    "txt_xiongxian_township_2019_empty_tables.txt",
    "txt_chongqing_tongliang_office_2025.txt",
    "txt_shucheng_devzone_anhui_2025.txt",
    "txt_tancheng_industrial_park_2018_mdtable_meta.txt",
    "txt_shenzhen_longgang_dept_2024_pipetables.txt",
    "txt_wiki_shanghai_city_2012_traditional_toc.txt",
    "txt_mirror_shanghai_city_2010_navmenu.txt",
    "txt_mirror_chongqing_city_2015.txt",
    "txt_chinagate_inner_mongolia_region_2013.txt",
    "txt_nanjing_devzone_2013_spam_breadcrumb.txt",
    "txt_wiki_wuhan_ecoenv_bureau_2020_traditional_annotated_rows.txt",
    "txt_xian_lianhu_taoyuan_devzone_2023_blankline_cells.txt",
    "txt_docshare_urad_middle_banner_sumu_2021_hardwrap.txt",
    "txt_urad_front_banner_2021_jsp_bareip.txt",
    "txt_xingan_league_foreign_affairs_2025_bullets.txt",
    "txt_xingan_league_2024_broken_tag_text.txt",
    "txt_kaiping_agri_bureau_2020_traditional_pinyin.txt",
    "txt_mirror_iaiso_center_2020_masked.txt",
    "txt_mirror_jzmfx_huaihua_county_2022_traditional.txt",
    "txt_shanghai_city_2022_report.txt",
    "txt_neg_xinyu_2023_gongkai_yaodian.txt",
    "txt_neg_beijing_2018_gongkai_yaodian.txt",
    "txt_neg_wuwei_2025_compile_notice.txt",
    "txt_neg_aba_2017_compile_notice.txt",
    "txt_neg_zhashui_audit_bureau_2020_final_accounts.txt",
    "txt_neg_luzhou_tcm_hospital_2023_final_accounts_pageref.txt",
    "txt_neg_danzhai_2015_statistical_bulletin.txt",
    "txt_neg_huangshan_natres_bureau_2023_work_summary.txt",
    "txt_neg_ancheng_town_2023_work_summary.txt",
]

TOWNS = ("城关镇", "太平镇", "新华街道", "龙泉镇", "长安街道", "东风镇", "永安乡", "文昌街道")

# Chrome a portal page prints around the body (shapes from tests/fixtures/clean real pages).
CHROME_HEAD = (
    "当前位置：首页 > 政务公开 > 政府信息公开年报",
    "【字体：大 中 小】 【打印本页】 【关闭窗口】",
)

CHROME_TAIL = (
    "分享到：",
    "【打印】【关闭】",
    "主办：{owner}  承办：{owner}办公室",
    "地址：{place}人民路1号  邮编：100000  联系电话：0000-1234567",
    "网站标识码：{code}  {icp}ICP备05012345号  {icp}公网安备 {code}02000123号",
)

# The footer's 主办: a site owner unlike any item's agency (the parser must not prefer it to the page's own evidence).
SITE_OWNER = "某某市人民政府办公室"

# Untitled reports whose year is read from the body: with every year removed the year is unknown.
NO_YEAR_ITEMS = (
    "txt_tongzi_county_guizhou_2022.txt",
    "txt_mirror_zhongjiang_county_2022.txt",
    "txt_anshun_xixiu_dongjie_street_2021.txt",
    "txt_taizhou_luqiao_luoyang_street_2021.txt",
    "txt_hukou_county_office_2025_spaced_digits.txt",
    "txt_lingyuan_town_liaoning_2025_untitled.txt",
    "txt_shucheng_devzone_anhui_2025.txt",
    "txt_ankang_bureau_2019_cell_per_line.txt",
    "txt_urad_front_banner_2021_jsp_bareip.txt",
    "txt_guizhou_jiguan_shiwu_bureau_2020.txt",
    "txt_mirror_chongqing_city_2015.txt",
    "txt_nanjing_devzone_2013_spam_breadcrumb.txt",
)

# Readings a mirror prints after characters (報(bào)告), for a few common characters.
READINGS = {
    "報": "bào",
    "告": "gào",
    "政": "zhèng",
    "府": "fǔ",
    "開": "kāi",
    "縣": "xiàn",
    "鎮": "zhèn",
    "區": "qū",
    "局": "jú",
}

TITLE_DECORATIONS = ("【年度报告】{}", "{} - 政府信息公开专栏", "{}（2024-01-20）", "{}.docx", "{} 办发〔2024〕3号")

# file -> (the department words of its agency, kind); replaced by another department of that kind
DEPARTMENTS = {
    "txt_baokang_agri_bureau_2021_annotated_label.txt": ("农业农村局", "局"),
    "txt_flipbook_wendeng_xinfang_2022_p8_table4.txt": ("信访局", "局"),
    "txt_guizhou_jiguan_shiwu_bureau_2020.txt": ("机关事务管理局", "局"),
    "txt_neg_zhashui_audit_bureau_2020_final_accounts.txt": ("审计局", "局"),
    "txt_xingan_league_foreign_affairs_2025_bullets.txt": ("外事办公室", "办公室"),
    "txt_guangyuan_yigongdaizhen_office_2020.txt": ("以工代赈办公室", "办公室"),
}

OTHER_DEPARTMENTS = {
    "局": (
        "应急管理局",
        "市场监督管理局",
        "住房和城乡建设局",
        "人力资源和社会保障局",
        "生态环境局",
        "交通运输局",
        "统计局",
    ),
    "办公室": ("人民防空办公室", "地方金融工作办公室", "扶贫开发办公室", "机构编制委员会办公室"),
}

ERA = {"pre2019": range(2009, 2019), "2019": range(2019, 2021), "2021": range(2021, 2026)}
