"""Phrase corrections around opencc's Taiwan-to-mainland conversion ('tw2sp').

Two small tables, each entry checked by tests/process/test_clean_normalise.py:

* `KEEP_TRADITIONAL` – Traditional words that tw2sp "reverses" into IT jargon although in
  government prose they mean what they say (執行 is "carry out", not 运行 "run a program").
  They are shielded from tw2sp and converted character by character instead.
* `TW_TO_MAINLAND` – Taiwan phrasing that tw2sp misses, applied to its simplified output.
"""

from __future__ import annotations

# Traditional spelling -> shielded from tw2sp's phrase table (converted with plain t2s).
KEEP_TRADITIONAL: tuple[str, ...] = (
    "建立",  # tw2sp: 创建
    "執行",  # tw2sp: 运行
    "資料",  # tw2sp: 数据
    "查詢",  # tw2sp: 查找
    "互動",  # tw2sp: 交互
    "效能",  # tw2sp: 性能
    "核心",  # tw2sp: 内核
    "文件",  # tw2sp: 文档
    "程序",  # tw2sp: 进程
    "整合",  # tw2sp: 集成
    "文字",  # tw2sp: 文本
    "指標",  # tw2sp: 指针 (统计指标, the indicators of a statistics table)
)

# Simplified output of tw2sp -> mainland phrasing. Keys are what tw2sp leaves behind.
TW_TO_MAINLAND: dict[str, str] = {
    "巨观": "宏观",  # 巨觀 (macro-level); tw2sp only knows 巨集 (macro, in software)
}
