// The one settings-form hook: react-hook-form + the shared schema (zodResolver), engine
// refusals mapped to fields, and the follow rule: the form shows the running config and
// resets when it changes, unless the operator has edited (dirty); after a successful
// apply it follows again.
import { useEffect, useMemo, useRef, useState, type FormEvent, type RefObject } from 'react';
import { useForm, type DefaultValues, type FieldValues, type Path, type UseFormReturn } from 'react-hook-form';
import type { ApiResult } from '@shared/domain/result.js';
import { engineErrors, issueMessage, pathAsKey } from './fieldErrors';
import { flatErrors, settingsResolver, valuesAfterApply, type SettingsFormSpec } from './settingsForm';

export interface SettingsForm<Values extends FieldValues, Input> {
  form: UseFormReturn<Values, unknown, Input>;
  /** For the <form>: after a refused Apply the first invalid field gets the focus. */
  formRef: RefObject<HTMLFormElement | null>;
  /** The running config as form values (undefined until it arrives). */
  base: Values | undefined;
  /** The form holds values (render its fields only then). */
  ready: boolean;
  onSubmit: (e?: FormEvent) => Promise<void>;
  /** Back to the running config, errors cleared. */
  revert: () => void;
  /** Fills the form with `values` as an edit (e.g. Defaults; Apply sends them). */
  fill: (values: Values) => void;
  dirty: boolean;
  busy: boolean;
  /** The last Apply succeeded and nothing was edited since. */
  applied: boolean;
  /** The running config changed while the operator was editing (Revert shows it). */
  stale: boolean;
}

/** Puts `key → message` on the form (shorter keys first so a row's error keeps its cells'). */
export function showErrors<V extends FieldValues>(form: UseFormReturn<V, unknown, unknown>, errors: Record<string, string>, type = 'engine'): void {
  for (const key of Object.keys(errors).sort((a, b) => a.length - b.length)) {
    form.setError(key as Path<V> | 'root', { type, message: errors[key] });
  }
}

export interface SettingsFormEvents {
  /** After a successful Apply. */
  onApplied?: () => void;
  /** After a refused Apply (client or engine), with the field errors by key. */
  onRefused?: (errors: Record<string, string>) => void;
}

export function useSettingsForm<Running, Values extends FieldValues, Input>(
  spec: SettingsFormSpec<Running, Values, Input>,
  running: Running | null | undefined,
  submit: (input: Input) => Promise<ApiResult<unknown>>,
  events: SettingsFormEvents = {},
): SettingsForm<Values, Input> {
  const base = useMemo(() => (running ? spec.toValues(running) : undefined), [running, spec]);
  const resolver = useMemo(() => settingsResolver(spec), [spec]);
  const form = useForm<Values, unknown, Input>({
    defaultValues: base as DefaultValues<Values> | undefined,
    resolver,
    // Errors show after Apply; editing a field clears its own (the fields do that).
    reValidateMode: 'onSubmit',
    // Error keys are request paths, not always field names: the focus is ours (below).
    shouldFocusError: false,
  });
  const { isDirty, isSubmitting } = form.formState;
  const formRef = useRef<HTMLFormElement | null>(null);
  const baseRef = useRef(base);
  baseRef.current = base;
  const submitRef = useRef(submit);
  submitRef.current = submit;
  const eventsRef = useRef(events);
  eventsRef.current = events;
  // The running config the form was last reset to: another one while dirty is "stale".
  const [shown, setShown] = useState(base);
  const [applied, setApplied] = useState(false);
  const [focusTick, setFocusTick] = useState(0);

  // A config that arrives after mount fills the form in an effect: fields render after that.
  const [ready, setReady] = useState(base !== undefined);
  useEffect(() => {
    if (base === undefined) return;
    if (!form.formState.isDirty && !form.formState.isSubmitting) {
      form.reset(base);
      setShown(base);
    }
    setReady(true);
  }, [base, form]);

  // Focus once the submit is over: a fieldset disabled while busy cannot take it.
  const pendingFocus = useRef(false);
  useEffect(() => {
    if (focusTick > 0) pendingFocus.current = true;
  }, [focusTick]);
  useEffect(() => {
    if (!pendingFocus.current || isSubmitting) return;
    pendingFocus.current = false;
    formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [focusTick, isSubmitting]);

  const onSubmit = useMemo(() => {
    const send = form.handleSubmit(
      async (input) => {
        const baseAtSubmit = baseRef.current;
        const values = form.getValues();
        const result = await submitRef.current(input);
        if (result.ok) {
          const next = valuesAfterApply(baseAtSubmit, baseRef.current, values);
          form.reset(next);
          setShown(next === values ? baseAtSubmit : next);
          setApplied(true);
          eventsRef.current.onApplied?.();
        } else {
          const keyFor = spec.keyFor ?? pathAsKey;
          const errors = engineErrors(result.error, (path) => keyFor(path, values), spec.message ?? issueMessage);
          showErrors(form, errors);
          setFocusTick((t) => t + 1);
          eventsRef.current.onRefused?.(errors);
        }
      },
      (errors) => {
        setFocusTick((t) => t + 1);
        eventsRef.current.onRefused?.(flatErrors(errors));
      },
    );
    return async (e?: FormEvent) => {
      setApplied(false);
      await send(e);
    };
  }, [form, spec]);

  return {
    form,
    formRef,
    base,
    ready,
    onSubmit,
    revert: () => {
      form.reset(baseRef.current);
      setShown(baseRef.current);
      setApplied(false);
    },
    fill: (values) => {
      form.reset(values, { keepDefaultValues: true });
      setApplied(false);
    },
    dirty: isDirty,
    busy: isSubmitting,
    applied: applied && !isDirty,
    stale: isDirty && shown !== base,
  };
}
