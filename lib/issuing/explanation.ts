// Each decision says which setting decided each number, in human units ("1 h from scope read_invoices").
import { formatDuration } from "@/lib/duration";

export type ExplanationSubject = "scopes" | "accessToken" | "refreshToken" | "consent";
export type SettingSource = "service" | "api" | "scope" | "client" | "absolute" | "request";

export interface ExplanationLine {
  subject: ExplanationSubject;
  source: SettingSource;
  text: string;
  value?: number;
}

/** One setting that takes part in the "most restrictive wins" rule. */
export interface Candidate {
  source: SettingSource;
  label: string;
  value: number;
}

export const describeCandidate = (candidate: Candidate) => `${candidate.label} ${formatDuration(candidate.value)}`;
