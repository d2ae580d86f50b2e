/**
 * Planned drills (GH-16): the runs of drill plans and what happened in them (the drill's
 * own timeline), the follow-up items found in drills (4.7 三) and the training plan (4.5),
 * kept in the job-store database; when a drill may be held (trading hours, sensitive
 * periods). The chat side is {@code engine.DrillPlanFlow}.
 */
@NullMarked
package com.warroom.bot.drill;

import org.jspecify.annotations.NullMarked;
