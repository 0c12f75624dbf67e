// The protobuf messages of Anki packages we read, written from Anki's proto/anki/*.proto (field numbers only, no code copied).
import protobuf from 'protobufjs';

/*
 * Only the fields the importer uses are declared; protobuf skips the others. Field numbers follow
 * import_export.proto (PackageMetadata, MediaEntries), notetypes.proto (Notetype.Config,
 * Notetype.Template.Config), decks.proto (Deck.KindContainer, Deck.Normal) and deck_config.proto
 * (DeckConfig.Config).
 */
const SCHEMA = `
syntax = "proto3";
package interleave.anki;

message PackageMetadata {
  int32 version = 1;
}

message MediaEntry {
  string name = 1;
  uint32 size = 2;
  bytes sha1 = 3;
  optional uint32 legacy_zip_filename = 255;
}

message MediaEntries {
  repeated MediaEntry entries = 1;
}

message NotetypeConfig {
  int32 kind = 1;
  uint32 sort_field_idx = 2;
  string css = 3;
}

message TemplateConfig {
  string q_format = 1;
  string a_format = 2;
}

message DeckNormal {
  int64 config_id = 1;
  string description = 4;
  optional float desired_retention = 10;
}

message DeckConfigConfig {
  repeated float learn_steps = 1;
  repeated float relearn_steps = 2;
  repeated float fsrs_params_4 = 3;
  repeated float fsrs_params_5 = 5;
  repeated float fsrs_params_6 = 6;
  uint32 new_per_day = 9;
  uint32 reviews_per_day = 10;
  uint32 maximum_review_interval = 16;
  uint32 leech_threshold = 22;
  float desired_retention = 37;
  float historical_retention = 40;
}

message DeckFiltered {
  bool reschedule = 1;
}

message DeckKindContainer {
  oneof kind {
    DeckNormal normal = 1;
    DeckFiltered filtered = 2;
  }
}
`;

const root = protobuf.parse(SCHEMA, { keepCase: false }).root;

/** PackageMetadata.Version: what `meta` says about the collection file. */
export const PACKAGE_VERSION = { unknown: 0, legacy1: 1, legacy2: 2, latest: 3 } as const;

export interface PackageMetadata {
  version: number;
}
export interface MediaEntry {
  name: string;
  size: number;
  sha1: Uint8Array;
}
export interface NotetypeConfig {
  kind: number;
  sortFieldIdx: number;
  css: string;
}
export interface TemplateConfig {
  qFormat: string;
  aFormat: string;
}
export interface DeckKind {
  normal?: { configId: number; description: string; desiredRetention?: number | null } | null;
  filtered?: { reschedule: boolean } | null;
}
export interface DeckConfigConfig {
  learnSteps: number[];
  relearnSteps: number[];
  fsrsParams_4: number[];
  fsrsParams_5: number[];
  fsrsParams_6: number[];
  newPerDay: number;
  reviewsPerDay: number;
  maximumReviewInterval: number;
  leechThreshold: number;
  desiredRetention: number;
  historicalRetention: number;
}

const types = {
  meta: root.lookupType('interleave.anki.PackageMetadata'),
  mediaEntries: root.lookupType('interleave.anki.MediaEntries'),
  notetypeConfig: root.lookupType('interleave.anki.NotetypeConfig'),
  templateConfig: root.lookupType('interleave.anki.TemplateConfig'),
  deckKind: root.lookupType('interleave.anki.DeckKindContainer'),
  deckConfig: root.lookupType('interleave.anki.DeckConfigConfig'),
};

const OBJECT = { defaults: true, bytes: Uint8Array, longs: Number } as const;

function decode<T>(type: protobuf.Type, bytes: Uint8Array): T {
  return type.toObject(type.decode(bytes), OBJECT) as T;
}

export const decodeMeta = (bytes: Uint8Array): PackageMetadata => decode(types.meta, bytes);
export const decodeMediaEntries = (bytes: Uint8Array): MediaEntry[] => decode<{ entries: MediaEntry[] }>(types.mediaEntries, bytes).entries;
export const decodeNotetypeConfig = (bytes: Uint8Array): NotetypeConfig => decode(types.notetypeConfig, bytes);
export const decodeTemplateConfig = (bytes: Uint8Array): TemplateConfig => decode(types.templateConfig, bytes);
export const decodeDeckKind = (bytes: Uint8Array): DeckKind => decode(types.deckKind, bytes);
export const decodeDeckConfig = (bytes: Uint8Array): DeckConfigConfig => decode(types.deckConfig, bytes);

/** For tests and tools that build latest-format packages. */
export function encodeMeta(meta: PackageMetadata): Uint8Array {
  return types.meta.encode(types.meta.fromObject(meta)).finish();
}
export function encodeMediaEntries(entries: MediaEntry[]): Uint8Array {
  return types.mediaEntries.encode(types.mediaEntries.fromObject({ entries })).finish();
}
export function encodeDeckConfig(config: Partial<DeckConfigConfig>): Uint8Array {
  return types.deckConfig.encode(types.deckConfig.fromObject(config)).finish();
}
export function encodeDeckKind(kind: DeckKind): Uint8Array {
  return types.deckKind.encode(types.deckKind.fromObject(kind)).finish();
}
