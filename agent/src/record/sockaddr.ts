/**
 * SOCKADDR `saddr=` (hex of the raw struct sockaddr the syscall got) → family, address, port, path.
 * The family is host byte order: little-endian on the usual hosts; a big-endian host's family is
 * recognised too (laurel has such a record).
 */
export interface Sockaddr {
  /** Numeric address family (AF_*). */
  familyId: number;
  /** "unix" | "inet" | "inet6" | "netlink" | "packet" | ... or `af<N>` for others. */
  family: string;
  /** IPv4 dotted quad or IPv6 text (RFC 5952 compressed). */
  address?: string;
  port?: number;
  /** AF_UNIX path; abstract sockets start with "@". */
  path?: string;
  /** AF_NETLINK port id and groups. */
  netlinkPid?: number;
  netlinkGroups?: number;
}

const FAMILY_NAMES: Record<number, string> = {
  0: "unspec", 1: "unix", 2: "inet", 3: "ax25", 4: "ipx", 5: "appletalk", 9: "x25", 10: "inet6",
  16: "netlink", 17: "packet", 31: "bluetooth", 38: "alg", 40: "vsock", 44: "xdp",
};

/** Decode a saddr hex string; null when it is not even-length hex or too short for a family. */
export function decodeSockaddr(hex: string): Sockaddr | null {
  if (hex.length < 4 || hex.length % 2 !== 0 || !/^[0-9A-Fa-f]+$/.test(hex)) return null;
  const b = Buffer.from(hex, "hex");
  let familyId = b.readUInt16LE(0);
  if (FAMILY_NAMES[familyId] === undefined && FAMILY_NAMES[b.readUInt16BE(0)] !== undefined) familyId = b.readUInt16BE(0);
  const family = FAMILY_NAMES[familyId] ?? `af${familyId}`;
  const out: Sockaddr = { familyId, family };
  switch (familyId) {
    case 1: {
      const rest = b.subarray(2);
      if (rest.length === 0) return out; // unnamed socket
      if (rest[0] === 0) {
        const end = rest.indexOf(0, 1);
        out.path = "@" + rest.subarray(1, end < 0 ? rest.length : end).toString("latin1");
      } else {
        const end = rest.indexOf(0);
        out.path = rest.subarray(0, end < 0 ? rest.length : end).toString("utf8");
      }
      return out;
    }
    case 2:
      if (b.length < 8) return null;
      out.port = b.readUInt16BE(2);
      out.address = `${b[4]}.${b[5]}.${b[6]}.${b[7]}`;
      return out;
    case 10:
      if (b.length < 24) return null;
      out.port = b.readUInt16BE(2);
      out.address = ipv6Text(b.subarray(8, 24));
      return out;
    case 16:
      if (b.length < 12) return null;
      out.netlinkPid = b.readUInt32LE(4);
      out.netlinkGroups = b.readUInt32LE(8);
      return out;
    default:
      return out;
  }
}

/** RFC 5952 text: lower case, longest run (≥ 2) of zero groups as "::", IPv4-mapped as ::ffff:a.b.c.d. */
export function ipv6Text(addr: Uint8Array): string {
  const g: number[] = [];
  for (let i = 0; i < 16; i += 2) g.push((addr[i] << 8) | addr[i + 1]);
  if (g[0] === 0 && g[1] === 0 && g[2] === 0 && g[3] === 0 && g[4] === 0 && g[5] === 0xffff) {
    return `::ffff:${addr[12]}.${addr[13]}.${addr[14]}.${addr[15]}`;
  }
  let bestStart = -1;
  let bestLen = 0;
  for (let i = 0; i < 8; ) {
    if (g[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && g[j] === 0) j++;
    if (j - i > bestLen && j - i >= 2) {
      bestStart = i;
      bestLen = j - i;
    }
    i = j;
  }
  const hexes = g.map((x) => x.toString(16));
  if (bestStart < 0) return hexes.join(":");
  return `${hexes.slice(0, bestStart).join(":")}::${hexes.slice(bestStart + bestLen).join(":")}`;
}
