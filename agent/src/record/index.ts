/**
 * The record parser: one audit log line in, a typed AuditRecord out (null = malformed; the caller
 * counts it). See record.ts for the accepted formats and hex.ts for how byte strings that are not
 * UTF-8 are represented (lossless surrogate escapes).
 */
export { parseRecord, MAX_AUDIT_MESSAGE_LENGTH, MAX_LINE_LENGTH } from "./record.ts";
export type { ParsedRecord } from "./record.ts";
export { execveArgs } from "./execve.ts";
export { decodeSockaddr, ipv6Text } from "./sockaddr.ts";
export type { Sockaddr } from "./sockaddr.ts";
export { decodeHex, bytesOf, bytesToString, isHex } from "./hex.ts";
export { typeIdOf, typeNameOf, RECORD_TYPES } from "./types-table.ts";
