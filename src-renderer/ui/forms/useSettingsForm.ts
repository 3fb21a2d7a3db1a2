// The one settings-form hook: react-hook-form + the shared schema (zodResolver), engine
// refusals mapped to fields, and the follow rule: the form shows the running config and
// resets when it changes, unless the operator has edited (dirty); after a successful
// apply it follows again.
import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { useForm, type DefaultValues, type FieldValues, type Path, type UseFormReturn } from 'react-hook-form';
import type { ApiResult } from '@shared/domain/result.js';
import { engineErrors, issueMessage, pathAsKey } from './fieldErrors';
import { settingsResolver, valuesAfterApply, type SettingsFormSpec } from './settingsForm';

export interface SettingsForm<Values extends FieldValues, Input> {
  form: UseFormReturn<Values, unknown, Input>;
  /** The running config as form values (undefined until it arrives). */
  base: Values | undefined;
  /** The form holds values (render its fields only then). */
  ready: boolean;
  onSubmit: (e?: FormEvent) => Promise<void>;
  /** Back to the running config, errors cleared. */
  revert: () => void;
  dirty: boolean;
  busy: boolean;
}

/** Puts `key → message` on the form (shorter keys first so a row's error keeps its cells'). */
export function showErrors<V extends FieldValues>(form: UseFormReturn<V, unknown, unknown>, errors: Record<string, string>, type = 'engine'): void {
  for (const key of Object.keys(errors).sort((a, b) => a.length - b.length)) {
    form.setError(key as Path<V> | 'root', { type, message: errors[key] });
  }
}

export function useSettingsForm<Running, Values extends FieldValues, Input>(
  spec: SettingsFormSpec<Running, Values, Input>,
  running: Running | null | undefined,
  submit: (input: Input) => Promise<ApiResult<unknown>>,
): SettingsForm<Values, Input> {
  const base = useMemo(() => (running ? spec.toValues(running) : undefined), [running, spec]);
  const resolver = useMemo(() => settingsResolver(spec), [spec]);
  const form = useForm<Values, unknown, Input>({
    defaultValues: base as DefaultValues<Values> | undefined,
    resolver,
    // Errors show after Apply; editing a field clears its own (the fields do that).
    reValidateMode: 'onSubmit',
  });
  const { isDirty, isSubmitting } = form.formState;
  const baseRef = useRef(base);
  baseRef.current = base;
  const submitRef = useRef(submit);
  submitRef.current = submit;

  // A config that arrives after mount fills the form in an effect: fields render after that.
  const [ready, setReady] = useState(base !== undefined);
  useEffect(() => {
    if (base === undefined) return;
    if (!form.formState.isDirty && !form.formState.isSubmitting) form.reset(base);
    setReady(true);
  }, [base, form]);

  const onSubmit = useMemo(
    () =>
      form.handleSubmit(async (input) => {
        const baseAtSubmit = baseRef.current;
        const applied = form.getValues();
        const result = await submitRef.current(input);
        if (result.ok) form.reset(valuesAfterApply(baseAtSubmit, baseRef.current, applied));
        else showErrors(form, engineErrors(result.error, spec.keyFor ?? pathAsKey, spec.message ?? issueMessage));
      }),
    [form, spec],
  );

  return {
    form,
    base,
    ready,
    onSubmit,
    revert: () => form.reset(baseRef.current),
    dirty: isDirty,
    busy: isSubmitting,
  };
}
