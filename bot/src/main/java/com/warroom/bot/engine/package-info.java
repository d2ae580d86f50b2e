/**
 * The channel-independent conversation engine: inbound events in, outbound actions out.
 * No channel's types appear here.
 *
 * <h2>Routing: flows</h2> {@link com.warroom.bot.engine.ConversationEngine} is a
 * dispatcher over the registered {@link com.warroom.bot.engine.Flow}s (every {@code Flow}
 * bean; the standard ones are
 * {@link com.warroom.bot.engine.ConversationEngine#standardFlows}). A flow declares what
 * it handles and handles it:
 * <ul>
 * <li>{@code commands()}: {@code Flow.CommandSpec(name, scope, menuOrder)}. The scope
 * says whether the engine first finds the incident the command is about (typed id, the
 * incident's thread, the only one open in the chat, else a picker), also a closed one
 * still owing reports. {@code menuOrder} places it in the command menu that Telegram
 * ({@code setMyCommands}) and the web chat (命令) both show, from
 * {@link com.warroom.bot.engine.ConversationEngine#menu()}; its description is the text
 * {@code cmd.<name>}. {@code Flow.CommandSpec.sub("drill", "plan", scope)} declares a
 * subcommand ({@code /drill plan …}), tried before its command and never in the menu, so
 * another flow's command gains one without an edit to that flow.
 * {@code command(CommandCall,
 * Reply)} handles it; {@code CommandCall.name()} is {@code drill} or {@code drill plan},
 * the arguments follow.</li>
 * <li>{@code buttons()}: {@code Flow.ButtonKind(code, afterClose)}. Issue buttons with
 * {@code services.tokens().button(label, KIND, fields)}; fields {@code i} (the incident)
 * and {@code u} (the only person who may press it) are checked by the engine before
 * {@code press(Inbound.Press, Person, ButtonMeaning, Reply)} is called. A token whose
 * kind no flow declares (any more) is a stale button: the polite 此按钮已失效, nothing
 * changes.</li>
 * <li>{@code questions()}: {@code Flow.QuestionKind(code)}. Ask with
 * {@code services.conversations().await(chat, actor, KIND, fields)}; the person's next
 * text in that chat goes to {@code answer(Inbound.Text, Person, Question, Reply)}.</li>
 * <li>{@code settle(Inbound, Person, Reply)} runs after every event, whichever flow
 * handled it.</li>
 * </ul>
 * Two flows declaring the same command, button kind or question kind, or two commands at
 * the same menu place, or a flow declaring what it does not handle, or a menu command
 * without its {@code cmd.<name>} text, fail the start with a message naming the flows. A
 * new command is therefore one new class implementing {@code Flow} (in this package: it
 * answers through the package's {@code Reply}), one bean for it in
 * {@code FlowConfiguration} (and in {@code standardFlows}, which a test keeps equal), and
 * its {@code cmd.<name>} text; no switch to edit.
 * <p>
 * Storage: a button's meaning and a pending question stay Redis hashes (see
 * {@link com.warroom.bot.engine.ButtonTokens} and
 * {@link com.warroom.bot.engine.ConversationState}, their one codec each); the kind's
 * code is the field {@code a} (buttons) or {@code q} (questions), so tokens issued before
 * the kinds were typed still resolve.
 */
@org.jspecify.annotations.NullMarked
package com.warroom.bot.engine;
