/* The export floor: the same workbooks juesuan writes, made by calling libxlsxwriter directly
 * from a plan read into memory beforehand. Usage: write_floor PLAN OUTDIR REPEAT → "files seconds". */
#include <time.h>
#include <xlsxwriter.h>
#include "dump.h"

int main(int argc, char **argv) {
    if (argc != 4) { fprintf(stderr, "usage: write_floor PLAN OUTDIR REPEAT\n"); return 2; }
    plan p = read_plan(argv[1]);
    int repeat = atoi(argv[3]);
    char path[4096];
    lxw_format **formats = calloc(4096, sizeof(lxw_format *));
    int files = 0;
    double t0 = now_seconds();
    for (int rep = 0; rep < repeat; rep++) {
        lxw_workbook *wb = NULL;
        lxw_worksheet *ws = NULL;
        for (size_t i = 0; i < p.n; i++) {
            record *r = &p.r[i];
            char **f = r->f;
            switch (r->kind) {
            case 'B': {
                snprintf(path, sizeof path, "%s/%s", argv[2], f[0]);
                lxw_workbook_options opt = {0, NULL, 0};
                wb = workbook_new_opt(path, &opt);
                lxw_doc_properties props = {0};
                props.title = "部门决算公开表";
                props.author = "floor";
                props.created = 0;
                workbook_set_properties(wb, &props);
                break;
            }
            case 'F': {
                lxw_format *fm = workbook_add_format(wb);
                format_set_font_name(fm, f[1]);
                format_set_font_size(fm, atof(f[2]));
                format_set_align(fm, LXW_ALIGN_VERTICAL_CENTER);
                if (f[3][0] == '1') format_set_bold(fm);
                if (!strcmp(f[4], "left")) format_set_align(fm, LXW_ALIGN_LEFT);
                else if (!strcmp(f[4], "center")) format_set_align(fm, LXW_ALIGN_CENTER);
                else if (!strcmp(f[4], "right")) format_set_align(fm, LXW_ALIGN_RIGHT);
                if (f[5][0] == '1') format_set_border(fm, LXW_BORDER_THIN);
                if (f[6][0] == '1') format_set_text_wrap(fm);
                if (atoi(f[7]) > 0) format_set_indent(fm, (uint8_t)atoi(f[7]));
                if (strcmp(f[8], "-")) format_set_num_format(fm, f[8]);
                formats[atoi(f[0])] = fm;
                break;
            }
            case 'S': ws = workbook_add_worksheet(wb, f[0]); break;
            case 'W': worksheet_set_column(ws, (lxw_col_t)atoi(f[0]), (lxw_col_t)atoi(f[0]), atof(f[1]), NULL); break;
            case 'H': worksheet_set_row(ws, (lxw_row_t)atoi(f[0]), atof(f[1]), NULL); break;
            case 'N': worksheet_write_number(ws, (lxw_row_t)atoi(f[0]), (lxw_col_t)atoi(f[1]), atof(f[3]), formats[atoi(f[2])]); break;
            case 'T': worksheet_write_string(ws, (lxw_row_t)atoi(f[0]), (lxw_col_t)atoi(f[1]), f[3], formats[atoi(f[2])]); break;
            case 'K': worksheet_write_blank(ws, (lxw_row_t)atoi(f[0]), (lxw_col_t)atoi(f[1]), formats[atoi(f[2])]); break;
            case 'M':
                worksheet_merge_range(ws, (lxw_row_t)atoi(f[0]), (lxw_col_t)atoi(f[1]), (lxw_row_t)atoi(f[2]), (lxw_col_t)atoi(f[3]),
                                      f[5], formats[atoi(f[4])]);
                break;
            case 'R':
                worksheet_set_landscape(ws);
                worksheet_set_paper(ws, 9);
                worksheet_fit_to_pages(ws, 1, (uint16_t)atoi(f[4]));
                worksheet_center_horizontally(ws);
                worksheet_set_margins(ws, 0.5, 0.5, 0.6, 0.6);
                worksheet_repeat_rows(ws, (lxw_row_t)atoi(f[0]), (lxw_row_t)atoi(f[1]));
                worksheet_print_area(ws, 0, 0, (lxw_row_t)atoi(f[2]), (lxw_col_t)atoi(f[3]));
                worksheet_set_footer(ws, "&C第 &P 页，共 &N 页");
                break;
            case 'E':
                if (workbook_close(wb) != LXW_NO_ERROR) { fprintf(stderr, "write_floor: failed %s\n", path); return 1; }
                files++;
                break;
            }
        }
    }
    printf("%d %.6f\n", files, now_seconds() - t0);
    return 0;
}
