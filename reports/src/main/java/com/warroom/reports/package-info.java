/**
 * The documents the regulator and the company require: the incident report book, the
 * post-event report, the incident record, drill records and customer notices, rendered as
 * PDF with an embedded Chinese font. Filled by the documents issue; depends on
 * {@code playbooks} only.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = "playbooks")
@org.jspecify.annotations.NullMarked
package com.warroom.reports;
