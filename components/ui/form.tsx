"use client";
// The one field primitive of the console's forms, modelled on shadcn/ui's form.tsx: a FormField
// (a react-hook-form Controller) names the field, and the parts inside its FormItem take their ids
// and the field's error from that, so no form wires a label, aria-invalid, aria-describedby or an
// error message by hand. Styled with the Label, and the inputs of components/ui/input.tsx.
import { cva, type VariantProps } from "class-variance-authority";
import {
  Children,
  type ComponentProps,
  cloneElement,
  createContext,
  type ReactElement,
  type ReactNode,
  useCallback,
  useContext,
  useId,
  useLayoutEffect,
  useMemo,
  useState,
} from "react";
import {
  Controller,
  type ControllerProps,
  type FieldError,
  type FieldPath,
  type FieldValues,
  FormProvider,
} from "react-hook-form";
import { labelClasses } from "@/components/ui/label";
import { cn } from "@/lib/utils";

/** The form's context for its fields: `<Form {...form}>`. */
export const Form = FormProvider;

const FormFieldContext = createContext<{ name: string; error?: FieldError } | null>(null);

/**
 * One field of the form: a Controller whose name and error the FormItem parts inside `render`
 * read. The error is the Controller's own field state (useController's subscription to the form
 * state for this name), so the parts need no form context and also serve values shown outside one.
 */
export function FormField<
  TFieldValues extends FieldValues = FieldValues,
  TName extends FieldPath<TFieldValues> = FieldPath<TFieldValues>,
  TTransformedValues = TFieldValues,
>({ render, ...props }: ControllerProps<TFieldValues, TName, TTransformedValues>) {
  return (
    <Controller
      {...props}
      render={(renderProps) => (
        <FormFieldContext.Provider value={{ name: props.name, error: renderProps.fieldState.error }}>
          {render(renderProps)}
        </FormFieldContext.Provider>
      )}
    />
  );
}

/** The parts of an item that the control can be described by, once they are on the page. */
type Part = "message" | "description";

interface FormItemState {
  id: string;
  shown: Record<Part, boolean>;
  setShown: (part: Part, shown: boolean) => void;
}

const FormItemContext = createContext<FormItemState | null>(null);

/** Ids unique on the page (useId) and the same on the server and in the browser. */
function ItemScope({ children }: { children: ReactNode }) {
  const id = useId();
  const [shown, setShownState] = useState<Record<Part, boolean>>({ message: false, description: false });
  const setShown = useCallback(
    (part: Part, value: boolean) =>
      setShownState((current) => (current[part] === value ? current : { ...current, [part]: value })),
    [],
  );
  const state = useMemo(() => ({ id, shown, setShown }), [id, shown, setShown]);
  return <FormItemContext.Provider value={state}>{children}</FormItemContext.Provider>;
}

/**
 * A message or hint tells its item it is on the page, so that the control is described only by
 * elements that exist (a hint may be blank, a message shows only with an error).
 */
function useShown(part: Part, shown: boolean) {
  const setShown = useContext(FormItemContext)?.setShown;
  useLayoutEffect(() => {
    if (!shown || !setShown) return;
    setShown(part, true);
    return () => setShown(part, false);
  }, [part, shown, setShown]);
}

/** A field's message; a list's errors (`redirectUris.0`) show their first entry's. */
function messageOf(error: unknown): string | undefined {
  const first = Array.isArray(error) ? error.find(Boolean) : error;
  if (first && typeof first === "object" && "message" in first && typeof first.message === "string") {
    return first.message || undefined;
  }
  return undefined;
}

/** The ids and the error of the FormItem (and FormField) it is used in. */
export function useFormField() {
  const field = useContext(FormFieldContext);
  const item = useContext(FormItemContext);
  if (!item) throw new Error("useFormField: use the form's parts inside a <FormItem>.");
  // An item outside a FormField shows a value that is not part of a form (it has no error).
  const error = field?.error;
  const formMessageId = `${item.id}-form-item-message`;
  const formDescriptionId = `${item.id}-form-item-description`;
  const describedBy =
    [item.shown.message ? formMessageId : null, item.shown.description ? formDescriptionId : null]
      .filter(Boolean)
      .join(" ") || undefined;
  return {
    id: item.id,
    name: field?.name,
    formItemId: `${item.id}-form-item`,
    formDescriptionId,
    formMessageId,
    describedBy,
    invalid: Boolean(error),
    error,
    message: messageOf(error),
  };
}

const formItemVariants = cva("", {
  variants: {
    variant: {
      /** Label above the control, message and hint below. */
      field: "grid min-w-0 content-start gap-2",
      /** A checkbox, with its label and hint beside it. */
      checkbox: "flex items-start gap-3 [&>input]:mt-0.5",
      /** One option of a list of checkboxes. */
      option: "flex items-center gap-2",
    },
  },
  defaultVariants: { variant: "field" },
});

/** A labelled field: label, control, message, hint. */
export function FormItem({ variant, children }: VariantProps<typeof formItemVariants> & { children: ReactNode }) {
  return (
    <ItemScope>
      <div className={formItemVariants({ variant })}>{children}</div>
    </ItemScope>
  );
}

/** A form's fields, one below the other; disabled while it submits. */
export function FormFields({ className, ...props }: ComponentProps<"fieldset">) {
  return <fieldset className={cn("m-0 grid min-w-0 gap-4 border-0 p-0", className)} {...props} />;
}

/** Two fields side by side from the small breakpoint up, one below the other on phones. */
export function FormRow({ children }: { children: ReactNode }) {
  return <div className="grid gap-4 sm:grid-cols-2">{children}</div>;
}

/**
 * The FormItem of a list shown as checkboxes: a fieldset named by its legend and described by its
 * message and hint; each checkbox is a FormItem of the same FormField inside it.
 */
export function FormFieldset({ legend, children }: { legend: ReactNode; children: ReactNode }) {
  return (
    <ItemScope>
      <FieldsetBody legend={legend} className="m-0 grid min-w-0 gap-2.5 rounded-md border px-3 pt-1 pb-3">
        {children}
      </FieldsetBody>
    </ItemScope>
  );
}

function FieldsetBody({ legend, className, children }: { legend: ReactNode; className: string; children: ReactNode }) {
  const { describedBy } = useFormField();
  // No aria-invalid here: the group role does not take it; the checkboxes inside carry it.
  return (
    <fieldset className={className} aria-describedby={describedBy}>
      <legend className={cn(labelClasses, "px-1")}>{legend}</legend>
      {children}
    </fieldset>
  );
}

export function FormLabel({ className, children }: { className?: string; children: ReactNode }) {
  const { formItemId } = useFormField();
  return (
    <label htmlFor={formItemId} className={cn(labelClasses, className)}>
      {children}
    </label>
  );
}

/**
 * The field's input, select or textarea (one element), given the item's id, aria-invalid and
 * aria-describedby, as Radix's Slot does in shadcn's FormControl; its own props stay as they are.
 */
export function FormControl({ children }: { children: ReactElement<Record<string, unknown>> }) {
  const { formItemId, describedBy, invalid } = useFormField();
  return cloneElement(Children.only(children), {
    id: formItemId,
    "aria-invalid": invalid ? true : undefined,
    "aria-describedby": describedBy,
  });
}

/** The field's hint; blank, nothing (and the control is not described by it). */
export function FormDescription({ children }: { children?: ReactNode }) {
  const { formDescriptionId } = useFormField();
  const shown = children !== null && children !== undefined && children !== false && children !== "";
  useShown("description", shown);
  if (!shown) return null;
  return (
    <p id={formDescriptionId} className="text-muted-foreground text-xs">
      {children}
    </p>
  );
}

/** The field's error message, when it has one. */
export function FormMessage() {
  const { formMessageId, message } = useFormField();
  useShown("message", Boolean(message));
  if (!message) return null;
  return (
    <p id={formMessageId} className="font-medium text-destructive text-xs">
      {message}
    </p>
  );
}

/** A field's Controller props, as the props of a native checkbox for a boolean (checked, not value). */
export function checkboxProps<F extends { value?: boolean | null }>({ value, ...field }: F) {
  return { ...field, type: "checkbox" as const, checked: Boolean(value) };
}

/** One option of a list field as a native checkbox: ticked while the list holds it; ticking adds or removes it. */
export function listOptionProps<V extends string>(
  field: {
    name: string;
    value?: readonly V[] | null;
    onChange: (value: V[]) => void;
    onBlur: () => void;
    ref?: (element: HTMLInputElement | null) => void;
  },
  option: V,
) {
  const list = field.value ?? [];
  return {
    type: "checkbox" as const,
    name: field.name,
    value: option,
    checked: list.includes(option),
    onChange: (event: { target: { checked: boolean } }) =>
      field.onChange(event.target.checked ? [...list, option] : list.filter((entry) => entry !== option)),
    onBlur: field.onBlur,
    ref: field.ref,
  };
}
