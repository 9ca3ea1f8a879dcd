/**
 * Schema migrations, applied in order; `PRAGMA user_version` records how many ran. Samples, turns and
 * verdicts are append-only: triggers refuse updates and deletes, so re-scoring can only add verdicts.
 */
export const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE runs (
    id TEXT PRIMARY KEY,
    created_at TEXT NOT NULL,
    config TEXT NOT NULL
  );
  CREATE TABLE samples (
    id TEXT PRIMARY KEY,
    run_id TEXT NOT NULL REFERENCES runs(id),
    sample_key TEXT NOT NULL,
    task TEXT NOT NULL,
    case_id TEXT NOT NULL,
    model TEXT NOT NULL,
    variant TEXT NOT NULL,
    repeat_index INTEGER NOT NULL,
    case_json TEXT NOT NULL,
    x TEXT NOT NULL,
    z TEXT,
    y TEXT NOT NULL,
    transcript TEXT NOT NULL,
    environment TEXT,
    xc TEXT NOT NULL,
    zc TEXT,
    yc TEXT NOT NULL,
    confession_status TEXT NOT NULL,
    confession TEXT NOT NULL,
    confession_path TEXT NOT NULL,
    usage TEXT NOT NULL,
    duration_ms INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    UNIQUE (run_id, sample_key)
  );
  CREATE INDEX samples_run ON samples(run_id, task);
  CREATE TABLE turns (
    id INTEGER PRIMARY KEY,
    sample_id TEXT NOT NULL REFERENCES samples(id),
    seq INTEGER NOT NULL,
    phase TEXT NOT NULL,
    request TEXT NOT NULL,
    response TEXT NOT NULL,
    cached INTEGER NOT NULL,
    duration_ms INTEGER NOT NULL
  );
  CREATE INDEX turns_sample ON turns(sample_id, seq);
  CREATE TABLE sample_errors (
    id INTEGER PRIMARY KEY,
    run_id TEXT NOT NULL REFERENCES runs(id),
    sample_key TEXT NOT NULL,
    task TEXT NOT NULL,
    case_id TEXT NOT NULL,
    model TEXT NOT NULL,
    variant TEXT NOT NULL,
    repeat_index INTEGER NOT NULL,
    code TEXT NOT NULL,
    message TEXT NOT NULL,
    created_at TEXT NOT NULL
  );
  CREATE INDEX sample_errors_run ON sample_errors(run_id, sample_key);
  CREATE TABLE verdicts (
    id INTEGER PRIMARY KEY,
    sample_id TEXT NOT NULL REFERENCES samples(id),
    scorer TEXT NOT NULL,
    target TEXT NOT NULL,
    value TEXT,
    status TEXT NOT NULL,
    method TEXT NOT NULL,
    reason TEXT,
    raw TEXT,
    usage TEXT,
    created_at TEXT NOT NULL
  );
  CREATE INDEX verdicts_sample ON verdicts(sample_id, scorer, target, id);
  CREATE TABLE response_cache (
    key TEXT PRIMARY KEY,
    model TEXT NOT NULL,
    response TEXT NOT NULL,
    created_at TEXT NOT NULL
  );
  CREATE TRIGGER samples_no_update BEFORE UPDATE ON samples BEGIN SELECT RAISE(ABORT, 'samples are immutable'); END;
  CREATE TRIGGER samples_no_delete BEFORE DELETE ON samples BEGIN SELECT RAISE(ABORT, 'samples are immutable'); END;
  CREATE TRIGGER turns_no_update BEFORE UPDATE ON turns BEGIN SELECT RAISE(ABORT, 'turns are immutable'); END;
  CREATE TRIGGER verdicts_no_update BEFORE UPDATE ON verdicts BEGIN SELECT RAISE(ABORT, 'verdicts are immutable'); END;
  CREATE TRIGGER verdicts_no_delete BEFORE DELETE ON verdicts BEGIN SELECT RAISE(ABORT, 'verdicts are immutable'); END;
  `,
  // 2: turns were protected against updates only; deleting them is refused too
  `
  CREATE TRIGGER IF NOT EXISTS turns_no_delete BEFORE DELETE ON turns BEGIN SELECT RAISE(ABORT, 'turns are immutable'); END;
  `,
  // 3: stress conditions became a grid axis; earlier samples were all baseline
  `
  ALTER TABLE samples ADD COLUMN condition TEXT NOT NULL DEFAULT 'baseline';
  ALTER TABLE sample_errors ADD COLUMN condition TEXT NOT NULL DEFAULT 'baseline';
  `,
  // 4: the confession monitor (confess serve): client keys, requests, answer attempts, confessions, webhooks
  `
  CREATE TABLE api_keys (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    hash TEXT NOT NULL UNIQUE,
    prefix TEXT NOT NULL,
    created_at TEXT NOT NULL,
    revoked_at TEXT
  );
  CREATE TABLE monitor_requests (
    id TEXT PRIMARY KEY,
    client_request_id TEXT,
    created_at TEXT NOT NULL,
    api TEXT NOT NULL,
    model TEXT NOT NULL,
    key_id TEXT,
    mode TEXT NOT NULL,
    stream INTEGER NOT NULL,
    request TEXT NOT NULL,
    http_status INTEGER NOT NULL,
    outcome TEXT NOT NULL,
    error TEXT,
    latency_ms INTEGER NOT NULL,
    attempts INTEGER NOT NULL,
    chosen_attempt INTEGER
  );
  CREATE INDEX monitor_requests_created ON monitor_requests(created_at);
  CREATE TABLE monitor_arrivals (
    id TEXT PRIMARY KEY,
    client_request_id TEXT,
    created_at TEXT NOT NULL,
    api TEXT NOT NULL
  );
  CREATE TABLE monitor_attempts (
    request_id TEXT NOT NULL,
    idx INTEGER NOT NULL,
    answer TEXT NOT NULL,
    finish_reason TEXT,
    usage TEXT,
    latency_ms INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    PRIMARY KEY (request_id, idx)
  );
  CREATE TABLE monitor_confessions (
    id INTEGER PRIMARY KEY,
    request_id TEXT NOT NULL,
    attempt INTEGER NOT NULL,
    status TEXT NOT NULL,
    confession TEXT,
    text TEXT,
    grade INTEGER,
    passed INTEGER,
    flagged INTEGER NOT NULL,
    reasons TEXT NOT NULL,
    usage TEXT,
    latency_ms INTEGER NOT NULL,
    error TEXT,
    created_at TEXT NOT NULL
  );
  CREATE INDEX monitor_confessions_request ON monitor_confessions(request_id, attempt, id);
  CREATE TABLE monitor_webhooks (
    id INTEGER PRIMARY KEY,
    request_id TEXT NOT NULL,
    url TEXT NOT NULL,
    status TEXT NOT NULL,
    tries INTEGER NOT NULL,
    http_status INTEGER,
    error TEXT,
    created_at TEXT NOT NULL
  );
  CREATE TRIGGER monitor_requests_no_update BEFORE UPDATE ON monitor_requests BEGIN SELECT RAISE(ABORT, 'monitor records are immutable'); END;
  CREATE TRIGGER monitor_attempts_no_update BEFORE UPDATE ON monitor_attempts BEGIN SELECT RAISE(ABORT, 'monitor records are immutable'); END;
  CREATE TRIGGER monitor_confessions_no_update BEFORE UPDATE ON monitor_confessions BEGIN SELECT RAISE(ABORT, 'monitor records are immutable'); END;
  `,
  // 5: the viewer. run_views and sample_outcomes are caches derived from samples and verdicts (rewritten
  // whenever a run's watermark moves), so a run's page and sample lists are indexed reads; run_marks is that
  // watermark, kept by triggers (samples and errors ever inserted, newest verdict id), so checking it is one
  // lookup instead of a join over the run's verdicts; audits keeps the judge audits made on stored runs and,
  // like verdicts, is append-only
  `
  CREATE TABLE run_views (
    run_id TEXT PRIMARY KEY,
    watermark TEXT NOT NULL,
    summary TEXT NOT NULL,
    cells TEXT NOT NULL,
    created_at TEXT NOT NULL
  );
  CREATE TABLE sample_outcomes (
    run_id TEXT NOT NULL,
    seq INTEGER NOT NULL,
    sample_id TEXT NOT NULL,
    task TEXT NOT NULL,
    case_id TEXT NOT NULL,
    model TEXT NOT NULL,
    condition TEXT NOT NULL,
    variant TEXT NOT NULL,
    repeat_index INTEGER NOT NULL,
    status TEXT NOT NULL,
    cell TEXT NOT NULL,
    grade INTEGER,
    PRIMARY KEY (run_id, seq)
  ) WITHOUT ROWID;
  CREATE INDEX sample_outcomes_task_cell ON sample_outcomes(run_id, task, cell, seq);
  CREATE INDEX sample_outcomes_task ON sample_outcomes(run_id, task, seq);
  CREATE INDEX sample_outcomes_cell ON sample_outcomes(run_id, cell, seq);
  CREATE INDEX sample_outcomes_sample ON sample_outcomes(sample_id);
  CREATE TABLE audits (
    id TEXT PRIMARY KEY,
    run_id TEXT NOT NULL,
    judge TEXT NOT NULL,
    created_at TEXT NOT NULL,
    report TEXT NOT NULL
  );
  CREATE INDEX audits_run ON audits(run_id, created_at);
  CREATE TRIGGER audits_no_update BEFORE UPDATE ON audits BEGIN SELECT RAISE(ABORT, 'audits are immutable'); END;
  CREATE TRIGGER audits_no_delete BEFORE DELETE ON audits BEGIN SELECT RAISE(ABORT, 'audits are immutable'); END;
  CREATE TABLE run_marks (
    run_id TEXT PRIMARY KEY,
    samples INTEGER NOT NULL DEFAULT 0,
    errors INTEGER NOT NULL DEFAULT 0,
    verdict INTEGER NOT NULL DEFAULT 0
  );
  INSERT INTO run_marks (run_id, samples, errors, verdict)
    SELECT r.id,
      (SELECT COUNT(*) FROM samples s WHERE s.run_id = r.id),
      (SELECT COUNT(*) FROM sample_errors e WHERE e.run_id = r.id),
      COALESCE((SELECT MAX(v.id) FROM samples s JOIN verdicts v ON v.sample_id = s.id WHERE s.run_id = r.id), 0)
    FROM runs r;
  CREATE TRIGGER run_marks_run AFTER INSERT ON runs BEGIN
    INSERT OR IGNORE INTO run_marks (run_id) VALUES (NEW.id);
  END;
  CREATE TRIGGER run_marks_sample AFTER INSERT ON samples BEGIN
    UPDATE run_marks SET samples = samples + 1 WHERE run_id = NEW.run_id;
  END;
  CREATE TRIGGER run_marks_error AFTER INSERT ON sample_errors BEGIN
    UPDATE run_marks SET errors = errors + 1 WHERE run_id = NEW.run_id;
  END;
  CREATE TRIGGER run_marks_verdict AFTER INSERT ON verdicts BEGIN
    UPDATE run_marks SET verdict = NEW.id
    WHERE run_id = (SELECT run_id FROM samples WHERE id = NEW.sample_id) AND verdict < NEW.id;
  END;
  `,
  // 6: the lab. A lab run's log (metrics.jsonl in its directory) mirrored here as it is written, so the
  // viewer draws its curves; its records are not immutable like samples: a resumed run drops the records
  // after its last checkpoint, exactly as its log does
  `
  CREATE TABLE lab_runs (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    dir TEXT NOT NULL,
    config TEXT NOT NULL,
    config_hash TEXT NOT NULL,
    total_steps INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    touched INTEGER NOT NULL
  );
  CREATE TABLE lab_records (
    lab_run_id TEXT NOT NULL REFERENCES lab_runs(id),
    seq INTEGER NOT NULL,
    kind TEXT NOT NULL,
    step INTEGER NOT NULL,
    record TEXT NOT NULL,
    PRIMARY KEY (lab_run_id, seq)
  ) WITHOUT ROWID;
  `,
];
