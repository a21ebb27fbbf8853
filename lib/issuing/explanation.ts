// Each decision says which setting decided each number.

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

export const describeCandidate = (candidate: Candidate) => `${candidate.label} ${candidate.value} s`;
