import { InboxOutlined } from '@ant-design/icons';
import { Upload } from 'antd';

interface Props {
  /** the `accept` list of the file input: extensions and content types */
  accept: string;
  /** the chosen file; the page sends it itself (nothing is uploaded by the component) */
  onChoose: (file: File) => void;
  disabled?: boolean;
  title: string;
  hint: string;
  testId: string;
}

/** A box to drop a file on or click to choose one: one file, no upload list, sent by the page. */
export function FileDropZone({ accept, onChoose, disabled, title, hint, testId }: Props) {
  return (
    <Upload.Dragger
      accept={accept}
      multiple={false}
      showUploadList={false}
      beforeUpload={(file) => {
        onChoose(file);
        return false;
      }}
      disabled={disabled}
      data-testid={testId}
    >
      <p className="ant-upload-drag-icon">
        <InboxOutlined />
      </p>
      <p className="ant-upload-text">{title}</p>
      <p className="ant-upload-hint">{hint}</p>
    </Upload.Dragger>
  );
}
