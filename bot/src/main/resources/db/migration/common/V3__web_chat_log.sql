-- V3: the web chat log (issue 15), in the job-store database (H2 or PostgreSQL; this script is
-- written for both). It was in Redis (wr:web:chat:CHAT:rev, :msg, :revs); RedisWebChatImport
-- copies an old Redis in once.

-- One row per web chat: its latest revision. Every change of the chat (a new message or an
-- edit) locks this row (SELECT ... FOR UPDATE) and takes the next revision, so two instances
-- writing at once get distinct revisions in commit order.
CREATE TABLE WR_WEB_CHAT (
  CHAT_ID VARCHAR(200) PRIMARY KEY,
  REV BIGINT NOT NULL
);

-- The newest messages of each chat (WebChatLog.KEEP by revision). ID is the revision that
-- added the message, REV the revision of its last change; BODY is the message as JSON.
CREATE TABLE WR_WEB_MESSAGE (
  CHAT_ID VARCHAR(200) NOT NULL REFERENCES WR_WEB_CHAT (CHAT_ID),
  ID BIGINT NOT NULL,
  REV BIGINT NOT NULL,
  BODY VARCHAR NOT NULL,
  PRIMARY KEY (CHAT_ID, ID)
);
CREATE INDEX WR_WEB_MESSAGE_REV ON WR_WEB_MESSAGE (CHAT_ID, REV);
