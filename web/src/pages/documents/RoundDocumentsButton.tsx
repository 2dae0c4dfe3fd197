import { FileWordOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { lazy, Suspense, useState } from 'react';
import { useT } from '../../i18n';

// the dialog (and its unit picker) loads at the first click, not with the round page
const RoundDocumentsModal = lazy(() => import('./RoundDocumentsModal'));

/** "Tải báo cáo (.docx / .pdf / .xlsx)" on a round: the round's report documents, and drafting a new one. */
export function RoundDocumentsButton({ roundId }: { roundId: string }) {
  const t = useT();
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button icon={<FileWordOutlined />} onClick={() => setOpen(true)} data-testid="round-documents">
        {t.documents.roundButton}
      </Button>
      {open ? (
        <Suspense fallback={null}>
          <RoundDocumentsModal roundId={roundId} onClose={() => setOpen(false)} />
        </Suspense>
      ) : null}
    </>
  );
}
