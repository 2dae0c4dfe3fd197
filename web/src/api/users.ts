import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { TUser, TUserList } from '../../../common/contracts/users';
import type { Role } from '../../../common/roles';
import { apiFetch } from './client';

export interface UsersQuery {
  q?: string;
  page?: number;
  pageSize?: number;
}

export const userKeys = {
  all: ['users'] as const,
  list: (query: UsersQuery) => ['users', 'list', query] as const,
};

export function useUsers(query: UsersQuery) {
  return useQuery({
    queryKey: userKeys.list(query),
    queryFn: ({ signal }) => apiFetch<TUserList>('/users', { query: { ...query }, signal }),
    placeholderData: keepPreviousData,
  });
}

export interface CreateUserBody {
  username: string;
  displayName: string;
  password: string;
  assignments: { role: Role; orgUnitId: string }[];
}

export function useUserMutations() {
  const queryClient = useQueryClient();
  const onSuccess = () => void queryClient.invalidateQueries({ queryKey: userKeys.all });
  const create = useMutation({
    mutationFn: (body: CreateUserBody) => apiFetch<TUser>('/users', { method: 'POST', body }),
    onSuccess,
  });
  const setDisabled = useMutation({
    mutationFn: ({ id, disabled }: { id: string; disabled: boolean }) =>
      apiFetch<TUser>(`/users/${id}/${disabled ? 'disable' : 'enable'}`, { method: 'POST' }),
    onSuccess,
  });
  const resetPassword = useMutation({
    mutationFn: ({ id, version, password }: { id: string; version: number; password: string }) =>
      apiFetch<TUser>(`/users/${id}/reset-password`, { method: 'POST', body: { version, password } }),
    onSuccess,
  });
  const addAssignment = useMutation({
    mutationFn: ({ id, ...body }: { id: string; version: number; role: Role; orgUnitId: string }) =>
      apiFetch<TUser>(`/users/${id}/assignments`, { method: 'POST', body }),
    onSuccess,
  });
  const removeAssignment = useMutation({
    mutationFn: ({ id, assignmentId, version }: { id: string; assignmentId: string; version: number }) =>
      apiFetch<TUser>(`/users/${id}/assignments/${assignmentId}`, { method: 'DELETE', query: { version } }),
    onSuccess,
  });
  return { create, setDisabled, resetPassword, addAssignment, removeAssignment };
}

export function changePassword(body: { currentPassword: string; newPassword: string }): Promise<void> {
  return apiFetch<void>('/auth/password', { method: 'POST', body });
}
