import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  TDataValueInput,
  TEntrySheet,
  TWriteDataValuesResult,
} from '../../../common/contracts/data-values';
import { apiFetch } from './client';

export const dataValueKeys = {
  all: ['data-values'] as const,
  sheet: (orgUnitId: string, period: string) => ['data-values', 'sheet', orgUnitId, period] as const,
};

export function useEntrySheet(orgUnitId: string | undefined, period: string | undefined) {
  return useQuery({
    queryKey: dataValueKeys.sheet(orgUnitId ?? '', period ?? ''),
    queryFn: ({ signal }) => apiFetch<TEntrySheet>('/data-values', { query: { orgUnitId, period }, signal }),
    enabled: Boolean(orgUnitId && period),
    // values typed by others meanwhile show up when the grid is opened again
    staleTime: 0,
  });
}

/**
 * Writes the changed rows in `valid_rows` mode: the valid ones are written even when others are
 * refused, and the answer (200) lists the refused rows with their 1-based position in `values`.
 */
export function writeDataValues(values: TDataValueInput[]): Promise<TWriteDataValuesResult> {
  return apiFetch<TWriteDataValuesResult>('/data-values', {
    method: 'POST',
    body: { values, mode: 'valid_rows' },
  });
}

export function useWriteDataValues() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: writeDataValues,
    onSuccess: () => {
      // roll-ups change with every write: charts and breakdowns read them again
      void queryClient.invalidateQueries({ queryKey: ['analytics'] });
    },
  });
}
