/**
 * The HTML page: {@link io.github.segshap.report.html.HtmlReport} builds one self-contained
 * {@code report.html} (figures embedded as PNG data URIs and linked to their files, tables of
 * metrics, parameters and timings, free text and notes); nothing is loaded from elsewhere.
 */
package io.github.segshap.report.html;
