import { Form, Input } from 'antd';
import { LIMITS } from '../../../common/limits';

/**
 * The "reason" box of a confirmation dialog (return, reopen, close): a `reason` form field,
 * required (blank is not a reason) unless `requiredMessage` is left out.
 */
export function ReasonField({
  label,
  requiredMessage,
  placeholder,
  autoFocus,
  'data-testid': testId,
}: {
  label: string;
  requiredMessage?: string;
  placeholder?: string;
  autoFocus?: boolean;
  'data-testid'?: string;
}) {
  return (
    <Form.Item
      name="reason"
      label={label}
      rules={requiredMessage ? [{ required: true, whitespace: true, message: requiredMessage }] : []}
    >
      <Input.TextArea
        autoFocus={autoFocus}
        autoSize={{ minRows: requiredMessage ? 3 : 2, maxRows: requiredMessage ? 8 : 6 }}
        maxLength={LIMITS.textLength}
        placeholder={placeholder}
        data-testid={testId}
      />
    </Form.Item>
  );
}
