"use client";
// A labelled form control with its hint and error wired up for assistive technology.
import type { ReactElement, ReactNode } from "react";
import { cloneElement } from "react";

interface FieldProps {
  id: string;
  label: ReactNode;
  error?: string;
  hint?: string | null;
  children: ReactElement<Record<string, unknown>>;
}

export function Field({ id, label, error, hint, children }: FieldProps) {
  const errorId = `${id}-error`;
  const hintId = `${id}-hint`;
  const describedBy = [error ? errorId : null, hint ? hintId : null].filter(Boolean).join(" ") || undefined;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {cloneElement(children, { id, "aria-invalid": error ? true : undefined, "aria-describedby": describedBy })}
      {error && (
        <p id={errorId} className="field-error">
          {error}
        </p>
      )}
      {hint && (
        <p id={hintId} className="field-hint">
          {hint}
        </p>
      )}
    </div>
  );
}

interface CheckboxFieldProps {
  id: string;
  label: ReactNode;
  description?: string;
  children: ReactElement<Record<string, unknown>>;
}

export function CheckboxField({ id, label, description, children }: CheckboxFieldProps) {
  const descriptionId = `${id}-description`;
  return (
    <div className="checkbox-field">
      {cloneElement(children, { id, type: "checkbox", "aria-describedby": description ? descriptionId : undefined })}
      <div>
        <label htmlFor={id}>{label}</label>
        {description && (
          <p id={descriptionId} className="field-hint">
            {description}
          </p>
        )}
      </div>
    </div>
  );
}
