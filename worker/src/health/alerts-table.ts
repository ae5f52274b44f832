/**
 * Health alerts into the shared `alerts` table (schema/migrations/0001_init.sql), filter columns
 * derived the way ingestion derives them, INSERT OR IGNORE on (analyzerid, messageid): storing a
 * deterministic id twice is a no-op.
 */
interface StoredShape {
  alert: {
    messageid: string;
    analyzer: { analyzerid: string }[];
    create_time: string;
    detect_time?: string;
    classification: { text: string };
    assessment?: { impact?: { severity?: string; completion?: string } };
    target?: { node?: { name?: string; address?: { address: string }[] } }[];
  };
}

export function storeHealthAlerts(db: D1Database, messages: string[], receivedAt: number): D1PreparedStatement[] {
  return messages.map((json) => {
    const { alert } = JSON.parse(json) as StoredShape;
    const node = alert.target?.[0]?.node;
    const createMs = Date.parse(alert.create_time);
    return db
      .prepare(
        `INSERT OR IGNORE INTO alerts (analyzerid, messageid, detect_time, create_time, received_at, classification,
           severity, completion, target_node, message)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .bind(
        alert.analyzer[0].analyzerid,
        alert.messageid,
        alert.detect_time ? Date.parse(alert.detect_time) : createMs,
        createMs,
        receivedAt,
        alert.classification.text,
        alert.assessment?.impact?.severity ?? null,
        alert.assessment?.impact?.completion ?? null,
        node?.name ?? node?.address?.[0]?.address ?? null,
        json,
      );
  });
}
