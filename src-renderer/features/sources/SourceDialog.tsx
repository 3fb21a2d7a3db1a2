// The frame both source dialogs share: a form over the source's spec (shared schema), its values as
// defaults, and OK hands the validated link settings to the device form and closes.
import { useMemo, type ReactNode } from 'react';
import { FormProvider, useForm, type DefaultValues, type FieldValues, type UseFormReturn } from 'react-hook-form';
import type { LinkSettingsInput } from '@shared/domain/link.js';
import { FormError } from '../../ui/forms/Fields';
import { settingsResolver, type SettingsFormSpec } from '../../ui/forms/settingsForm';
import { FormDialog } from './FormDialog';

export interface SourceDialogProps<R, V extends FieldValues> {
  title: string;
  testId: string;
  spec: SettingsFormSpec<R, V, LinkSettingsInput>;
  values: V;
  onApply: (link: LinkSettingsInput) => void;
  onClose: () => void;
  children: (form: UseFormReturn<V, unknown, LinkSettingsInput>) => ReactNode;
}

export function SourceDialog<R, V extends FieldValues>({ title, testId, spec, values, onApply, onClose, children }: SourceDialogProps<R, V>) {
  const resolver = useMemo(() => settingsResolver(spec), [spec]);
  const form = useForm<V, unknown, LinkSettingsInput>({ defaultValues: values as DefaultValues<V>, resolver, reValidateMode: 'onSubmit' });
  return (
    <FormProvider {...form}>
      <FormDialog
        title={title}
        submitLabel="Use this source"
        testId={testId}
        onCancel={onClose}
        onSubmit={(e) =>
          void form.handleSubmit((link) => {
            onApply(link);
            onClose();
          })(e)
        }
      >
        {children(form)}
        <FormError />
      </FormDialog>
    </FormProvider>
  );
}
