/* Large import inputs, written fast with libxlsxwriter in constant-memory mode:
 *   gen_large OUT ROWS02 NUMERIC [COLS]
 * a realistic 公开02表 of a whole province's consolidated accounts (ROWS02 rows of 科目编码, 科目名称
 * and seven amounts, under its title, unit line and header) and a sheet of NUMERIC plain numbers. */
#include <stdio.h>
#include <stdlib.h>
#include <xlsxwriter.h>

static const char *names[] = {"行政运行", "一般行政管理事务", "机关服务", "信访事务", "事业运行", "其他政府办公厅（室）及相关机构事务支出",
                              "机关事业单位基本养老保险缴费支出", "机关事业单位职业年金缴费支出", "行政单位医疗", "公务员医疗补助", "住房公积金",
                              "其他科学技术支出", "城乡社区环境卫生", "农业生产发展", "公路建设", "学前教育", "小学教育", "初中教育"};

int main(int argc, char **argv) {
    if (argc < 4) { fprintf(stderr, "usage: gen_large OUT ROWS02 NUMERIC [COLS]\n"); return 2; }
    long rows = atol(argv[2]), numeric = atol(argv[3]);
    int cols = argc > 4 ? atoi(argv[4]) : 20;
    lxw_workbook_options opt = {1, NULL, 1};
    lxw_workbook *wb = workbook_new_opt(argv[1], &opt);
    lxw_format *money = workbook_add_format(wb);
    format_set_num_format(money, "#,##0.00");
    unsigned seed = 12345;
    if (rows > 0) {
        lxw_worksheet *ws = workbook_add_worksheet(wb, "公开02表");
        worksheet_write_string(ws, 0, 0, "收入决算表", NULL);
        worksheet_write_string(ws, 1, 0, "编制单位：某省（汇总）", NULL);
        worksheet_write_string(ws, 1, 6, "金额单位：万元", NULL);
        const char *head[] = {"科目编码", "科目名称", "本年收入合计", "财政拨款收入", "上级补助收入", "事业收入", "经营收入", "附属单位上缴收入", "其他收入"};
        for (int c = 0; c < 9; c++) worksheet_write_string(ws, 2, (lxw_col_t)c, head[c], NULL);
        for (long r = 0; r < rows; r++) {
            char code[16];
            snprintf(code, sizeof code, "%03ld%02ld%02ld", 201 + (r / 10000) % 30, (r / 100) % 100, r % 100);
            worksheet_write_string(ws, (lxw_row_t)(r + 3), 0, code, NULL);
            worksheet_write_string(ws, (lxw_row_t)(r + 3), 1, names[r % 18], NULL);
            double total = 0;
            for (int c = 3; c < 9; c++) {
                seed = seed * 1103515245u + 12345u;
                double v = (double)(seed % 10000000) / 100.0;
                total += v;
                worksheet_write_number(ws, (lxw_row_t)(r + 3), (lxw_col_t)c, v, money);
            }
            worksheet_write_number(ws, (lxw_row_t)(r + 3), 2, total, money);
        }
    }
    if (numeric > 0) {
        lxw_worksheet *ws = workbook_add_worksheet(wb, "数值");
        long r = 0;
        for (long i = 0; i < numeric; i++) {
            seed = seed * 1103515245u + 12345u;
            worksheet_write_number(ws, (lxw_row_t)(i / cols), (lxw_col_t)(i % cols), (double)(seed % 100000000) / 100.0, money);
            r = i / cols;
        }
        (void)r;
    }
    return workbook_close(wb) == LXW_NO_ERROR ? 0 : 1;
}
