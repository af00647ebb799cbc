/** Pack lookup for callers: the list of issuer schemes, a pack by id, the version in force on a date. */
import { PACK_DATA, compiledPack, versionOn } from "./compile";
import { isISODate } from "./dates";
import type { ActivityTypeDef, ISODate, PackInfo, PackVersion, RulePack } from "./types";

/** Every issuer scheme Recert knows, with its credentials (SCOR-P is listed with maintained: false). */
export function listPacks(): PackInfo[] {
  const out: PackInfo[] = [];
  for (const data of PACK_DATA) {
    const cp = compiledPack(data.id);
    /* c8 ignore next -- every shipped pack validates (tested); a broken one is left out rather than thrown */
    if (cp === null) continue;
    const p = cp.pack;
    out.push({
      id: p.id,
      issuer: p.issuer,
      name: p.name,
      unit: { ...p.unit },
      credentials: p.credentials.map((c) => ({ code: c.code, name: c.name, kind: c.kind, requiredPoints: c.requiredPoints, maintained: c.maintained })),
    });
  }
  return out;
}

/** A pack by id ("ascm", "pmi", "isc2"), validated with the zod schema when first loaded; null when unknown. */
export function getPack(packId: string): RulePack | null {
  return compiledPack(packId)?.pack ?? null;
}

/**
 * The version of a pack in force on `date` (the latest whose effectiveFrom is on or before it).
 * Before the first version, and for a date that is not YYYY-MM-DD, the earliest version.
 */
export function ruleVersionOn(pack: RulePack, date: ISODate): PackVersion {
  const cp = compiledPack(pack.id);
  const v = cp !== null && isISODate(date) ? versionOn(cp, date) : null;
  if (v !== null) return v.data;
  let found: PackVersion | undefined;
  if (isISODate(date)) for (const pv of pack.versions) if (date >= pv.effectiveFrom) found = pv;
  return found ?? (pack.versions[0] as PackVersion);
}

/** The activity types a holder can log on `date` for a pack (the form's type picker); [] for an unknown pack. */
export function activityTypesOn(packId: string, date: ISODate): ActivityTypeDef[] {
  const pack = getPack(packId);
  return pack === null ? [] : ruleVersionOn(pack, date).activityTypes;
}
