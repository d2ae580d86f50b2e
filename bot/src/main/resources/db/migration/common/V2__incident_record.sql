-- V2: the incident record (issue 15), in the job-store database (H2 or PostgreSQL; this script
-- is written for both). It was in Redis (hashes wr:inc:ID, streams wr:inc:ID:tl, the open/owing
-- sets, wr:thread:*, wr:seq:*, wr:op:*); RedisIncidentImport copies an old Redis in once.

-- One row per incident: what is searched and locked (SELECT ... FOR UPDATE guards every change).
CREATE TABLE WR_INCIDENT (
  ID VARCHAR(60) PRIMARY KEY,
  KIND VARCHAR(20) NOT NULL,
  CHAT_KEY VARCHAR(200) NOT NULL,
  STATUS VARCHAR(20) NOT NULL,
  DECLARED_AT BIGINT NOT NULL,
  VERSION BIGINT NOT NULL,
  OWING BOOLEAN DEFAULT FALSE NOT NULL
);
CREATE INDEX WR_INCIDENT_OPEN ON WR_INCIDENT (STATUS, CHAT_KEY);

-- Every other fact of an incident, by name: playbook, chat, cursors (cursor:TRACK), step states
-- (st:STEP), facts, the level, report and approval records (once-fields), escalations and their
-- receipts (esc:*), documents issued (book:*). The names are the Redis hash's.
CREATE TABLE WR_INCIDENT_FIELD (
  INCIDENT_ID VARCHAR(60) NOT NULL REFERENCES WR_INCIDENT (ID),
  NAME VARCHAR(300) NOT NULL,
  VAL VARCHAR NOT NULL,
  PRIMARY KEY (INCIDENT_ID, NAME)
);

-- The timeline, in the order it happened (SEQ); ENTRY_ID is what buttons and documents quote
-- (a Redis stream id for entries imported from Redis). DETAILS: a JSON object of strings.
CREATE TABLE WR_TIMELINE (
  INCIDENT_ID VARCHAR(60) NOT NULL REFERENCES WR_INCIDENT (ID),
  SEQ BIGINT NOT NULL,
  ENTRY_ID VARCHAR(40) NOT NULL,
  TYPE VARCHAR(40) NOT NULL,
  PERSON VARCHAR(200) NOT NULL,
  PERSON_NAME VARCHAR(200) NOT NULL,
  CHANNEL VARCHAR(40) NOT NULL,
  AT_MILLIS BIGINT NOT NULL,
  DETAILS VARCHAR NOT NULL,
  PRIMARY KEY (INCIDENT_ID, SEQ)
);

-- The forum topic of an incident (chat:thread -> incident).
CREATE TABLE WR_INCIDENT_THREAD (
  TOPIC_KEY VARCHAR(200) PRIMARY KEY,
  INCIDENT_ID VARCHAR(60) NOT NULL
);

-- The last number given to an incident of a kind on a day (SEQ_NAME = KIND-PREFIX:yyyyMMdd).
CREATE TABLE WR_INCIDENT_SEQ (
  SEQ_NAME VARCHAR(60) PRIMARY KEY,
  LAST_VALUE BIGINT NOT NULL
);

-- The names of the writes of inbound updates (incident.Effects), committed with the write, so
-- a redelivered update takes effect once; RESULT is what the first run returned. Pruned after
-- Effects.TTL_SECONDS.
CREATE TABLE WR_EFFECT (
  NAME VARCHAR(1000) PRIMARY KEY,
  RESULT VARCHAR(200) NOT NULL,
  CREATED_AT BIGINT NOT NULL
);
CREATE INDEX WR_EFFECT_CREATED ON WR_EFFECT (CREATED_AT);
